using TensorOne.Simulator;

namespace TensorOne.PowerShell.Tests;

/// <summary>A simulator and a connected session per test: state never leaks between tests.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(SimulatorServer server, PowerShellSession session)
    {
        Server = server;
        Session = session;
    }

    public SimulatorServer Server { get; }

    public PowerShellSession Session { get; }

    public SimulatorState State => Server.State;

    public static async Task<Harness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { StopPhaseSeconds = 0.2, RestartPhaseSeconds = 0.2 };
        configure?.Invoke(options);
        var server = await SimulatorServer.StartAsync(options);
        return new Harness(server, new PowerShellSession(server));
    }

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null) => Session.Run(script, variables);

    public ScriptResult RunCatching(string script, Dictionary<string, object?>? variables = null) => Session.RunCatching(script, variables);

    /// <summary>The requests the simulator saw that change something.</summary>
    public IReadOnlyList<RecordedRequest> Posts => State.Requests.Where(r => r.Method == "POST").ToList();

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        await Server.DisposeAsync();
    }
}
