using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>A key and an endpoint, validated. ToString never shows the key.</summary>
internal sealed class SessionConnection
{
    public SessionConnection(Uri baseUri, ApiKey apiKey, ConnectionSource source, ConnectionScope scope)
    {
        BaseUri = baseUri;
        ApiKey = apiKey;
        Source = source;
        Scope = scope;
    }

    public Uri BaseUri { get; }

    public ApiKey ApiKey { get; }

    public ConnectionSource Source { get; }

    public ConnectionScope Scope { get; }

    public override string ToString() => $"{BaseUri} ({Source}, {Scope} scope, {ApiKey.Kind} key)";
}
