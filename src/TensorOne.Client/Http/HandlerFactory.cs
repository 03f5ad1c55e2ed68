using System.Net;

namespace TensorOne.Client.Http;

/// <summary>The client's own outgoing handler, configured for fan-out and modern TLS on every runtime.</summary>
internal static class HandlerFactory
{
    public static HttpMessageHandler Create(TensorOneClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            // .NET Framework allows two connections per host unless told otherwise, which would serialize a batch.
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            AllowAutoRedirect = false, // a redirect could carry the key to another host
            UseCookies = false,
            UseProxy = ProxyPolicy.MayUseProxy(options.BaseUri), // never the key in clear text to a proxy
        };

        if (FrameworkRuntime.IsCurrent)
        {
            // Windows PowerShell 5.1 may default to TLS 1.0; set the versions on this handler only,
            // leaving the process-wide ServicePointManager setting alone.
            FrameworkTls.Apply(handler);
        }

        return handler;
    }
}
