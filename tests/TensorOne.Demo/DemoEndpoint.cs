using TensorOne.Simulator;

namespace TensorOne.Demo;

/// <summary>
/// The API the module will talk to, handed over the way a user would: through the
/// TENSORONE_BASE_URI and TENSORONE_API_KEY environment variables the module reads.
/// </summary>
internal sealed class DemoEndpoint : IAsyncDisposable
{
    public const string BaseUriVariable = "TENSORONE_BASE_URI";
    public const string ApiKeyVariable = "TENSORONE_API_KEY";

    private readonly SimulatorServer? _simulator;

    private DemoEndpoint(SimulatorServer? simulator, string baseUri, string description)
    {
        _simulator = simulator;
        BaseUri = baseUri;
        Description = description;
    }

    public string BaseUri { get; }

    /// <summary>One line for the user saying where requests go; never contains the key.</summary>
    public string Description { get; }

    public static async Task<DemoEndpoint> StartSimulatorAsync(
        double stopPhaseSeconds,
        double restartPhaseSeconds,
        CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions
        {
            StopPhaseSeconds = stopPhaseSeconds,
            RestartPhaseSeconds = restartPhaseSeconds,
        };
        SimulatorServer server = await SimulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        server.State.SeedDemo();

        string baseUri = server.BaseUri.AbsoluteUri;
        Environment.SetEnvironmentVariable(BaseUriVariable, baseUri);
        Environment.SetEnvironmentVariable(ApiKeyVariable, server.Options.ApiKey);
        return new DemoEndpoint(server, baseUri, $"TensorOne demo: using the in-process API simulator at {baseUri}");
    }

    public static DemoEndpoint UseExistingApi(string baseUri)
    {
        Environment.SetEnvironmentVariable(BaseUriVariable, baseUri);
        string keyNote = string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable))
            ? $" ({ApiKeyVariable} is not set)"
            : $" (key from {ApiKeyVariable})";
        return new DemoEndpoint(null, baseUri, $"TensorOne demo: using the API at {baseUri}{keyNote}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
