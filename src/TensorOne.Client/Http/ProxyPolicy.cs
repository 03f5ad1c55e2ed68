namespace TensorOne.Client.Http;

/// <summary>
/// Whether requests may go through the system's proxy (HttpClient honours HTTP_PROXY, HTTPS_PROXY and
/// the OS settings). Over <c>https://</c> a proxy only sees a CONNECT to the host: the Authorization
/// header travels inside TLS. Over <c>http://</c> (loopback only, see <see cref="BaseUriPolicy"/>) a proxy
/// would be handed the bearer key in clear text, and a loopback address is this machine anyway.
/// </summary>
internal static class ProxyPolicy
{
    public static bool MayUseProxy(Uri baseUri) =>
        string.Equals(baseUri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
}
