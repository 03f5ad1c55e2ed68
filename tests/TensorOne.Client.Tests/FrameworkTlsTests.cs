using System.Security.Authentication;
using TensorOne.Client.Http;
using Xunit;

namespace TensorOne.Client.Tests;

/// <summary>
/// The TLS versions the client's handler offers on .NET Framework (Windows PowerShell 5.1): 1.2 and
/// 1.3 for the OS to choose between, never 1.0 or 1.1. The Mono leg (tests/TensorOne.Framework.Tests)
/// shows the handler factory taking this path; only Windows shows Schannel's choice.
/// </summary>
public sealed class FrameworkTlsTests
{
    [Fact]
    public void The_handler_offers_TLS_1_2_and_1_3_and_nothing_older()
    {
        using var handler = new HttpClientHandler();

        var offered = FrameworkTls.Apply(handler);

        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, offered);
        Assert.Equal(offered, handler.SslProtocols);
#pragma warning disable SYSLIB0039 // the obsolete versions are named to check they are absent
        Assert.Equal(SslProtocols.None, offered & (SslProtocols.Tls | SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public void This_runtime_is_not_taken_for_net_framework()
    {
        // .NET 10 has AssemblyLoadContext; the Mono leg checks the other side.
        Assert.False(FrameworkRuntime.IsCurrent);
    }
}
