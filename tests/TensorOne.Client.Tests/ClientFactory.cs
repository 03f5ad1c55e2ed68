using TensorOne.Client;

namespace TensorOne.Client.Tests;

internal static class ClientFactory
{
    /// <summary>A client for a running simulator, with short retry delays so fault tests stay fast.</summary>
    public static TensorOneClient For(SimulatorServer server, Action<TensorOneClientOptions>? configure = null)
    {
        var options = new TensorOneClientOptions
        {
            BaseUri = server.BaseUri,
            ApiKey = new ApiKey(server.Options.ApiKey),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return new TensorOneClient(options);
    }
}
