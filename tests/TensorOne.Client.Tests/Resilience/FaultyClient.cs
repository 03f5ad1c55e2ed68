namespace TensorOne.Client.Tests.Resilience;

/// <summary>A client for a (faulting) simulator with short delays and timeouts, so fault tests stay fast.</summary>
internal static class FaultyClient
{
    public static TensorOneClient For(SimulatorServer server, LogCollector? log = null, Action<TensorOneClientOptions>? configure = null)
    {
        var options = new TensorOneClientOptions
        {
            BaseUri = server.BaseUri,
            ApiKey = new ApiKey(server.Options.ApiKey),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            ReadBackInterval = TimeSpan.FromMilliseconds(50),
            Log = log?.Sink,
        };
        configure?.Invoke(options);
        return new TensorOneClient(options);
    }

    /// <summary>The requests the server saw for one cluster's operation (POST .../stop or .../restart).</summary>
    public static IReadOnlyList<RecordedRequest> Posts(SimulatorServer server, string clusterId) =>
        server.State.Requests.Where(r => r.Method == "POST" && r.ClusterId == clusterId).ToList();
}
