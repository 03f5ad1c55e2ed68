using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>A key and an endpoint, validated. ToString never shows the key.</summary>
internal sealed class SessionConnection(Uri baseUri, ApiKey apiKey, ConnectionSource source, ConnectionScope scope)
{
    public Uri BaseUri { get; } = baseUri;

    public ApiKey ApiKey { get; } = apiKey;

    public ConnectionSource Source { get; } = source;

    public ConnectionScope Scope { get; } = scope;

    public override string ToString() => $"{BaseUri} ({Source}, {Scope} scope, {ApiKey.Kind} key)";
}
