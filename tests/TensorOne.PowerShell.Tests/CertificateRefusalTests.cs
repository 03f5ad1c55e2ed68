namespace TensorOne.PowerShell.Tests;

/// <summary>What a user sees when the server's certificate is refused: one error that names it, at once.</summary>
public sealed class CertificateRefusalTests
{
    [Fact]
    public async Task Stop_against_a_refused_certificate_is_one_connection_one_error_naming_the_certificate_and_no_retry_lines()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var h = await Harness.StartAsync(o => o.Certificate = certificate);
        h.State.AddCluster("c1", "one");

        var result = h.Run("Stop-T1Cluster c1 -Verbose");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NETWORK_ERROR", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal("c1", error.TargetObject);
        Assert.Contains("TLS certificate was refused", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(result.Warnings);
        Assert.DoesNotContain(result.Verbose, v => v.Message.StartsWith("Retrying", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Server.Options.ApiKey, result.AllText, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Connections.Accepted);
        Assert.Empty(h.State.Requests);
    }
}
