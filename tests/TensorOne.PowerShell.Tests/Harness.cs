using TensorOne.Client.Tests.Waiting;

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
        // The simulator and the module share one fake clock, stepped while a script runs (see SharedClock);
        // a test that sets the simulator's TimeProvider to the system clock runs both on real time.
        var stepped = new SteppedClock(DateTimeOffset.UtcNow);
        var options = new SimulatorOptions { StopPhaseSeconds = 0.2, RestartPhaseSeconds = 0.2, TimeProvider = stepped.Fake };
        configure?.Invoke(options);
        var server = await SimulatorServer.StartAsync(options);
        var session = new PowerShellSession(server);
        if (ReferenceEquals(options.TimeProvider, stepped.Fake))
        {
            var clock = new SharedClock(stepped);
            clock.ServeModule(server.BaseUri);
            session.Clock = clock;
        }

        return new Harness(server, session);
    }

    /// <summary>A harness whose simulator already holds these running clusters (id, name).</summary>
    public static async Task<Harness> StartWithClustersAsync(params (string Id, string Name)[] running)
    {
        var harness = await StartAsync();
        foreach (var (id, name) in running)
        {
            harness.State.AddCluster(id, name);
        }

        return harness;
    }

    /// <summary>The clock the simulator and the module share, or null when the test chose real time.</summary>
    public SharedClock? Clock => Session.Clock;

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null) => Session.Run(script, variables);

    public ScriptResult RunCatching(string script, Dictionary<string, object?>? variables = null) => Session.RunCatching(script, variables);

    /// <summary>The requests the simulator saw that change something.</summary>
    public IReadOnlyList<RecordedRequest> Posts => State.Requests.Where(r => r.Method == "POST").ToList();

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        if (Session.Clock is not null)
        {
            SharedClock.ForgetModule(Server.BaseUri);
        }

        await Server.DisposeAsync();
    }
}
