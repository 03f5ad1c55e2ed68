using TensorOne.Client.Models;
using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>
/// A simulator and a client on one fake clock, a watcher, and the means to drive the clock: phases
/// advance only when a test moves the clock, and the test moves it only when nothing else can happen
/// (no request in flight, the watcher or a retry asleep), straight to the next timer that is due. So
/// poll times are exact and nothing sleeps for real except the HTTP round trips themselves.
/// </summary>
internal sealed class WatcherRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 15, 16, 30, 0, TimeSpan.Zero);

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RequestTimeouts = TimeSpan.FromHours(23);

    private WatcherRig(SimulatorServer server, SteppedClock clock, RecordingHandler handler, TensorOneClient client, WaitOptions? wait)
    {
        Server = server;
        Clock = clock;
        Handler = handler;
        Client = client;
        Watcher = new ClusterWatcher(client, Cancellation.Token, wait);
    }

    public SimulatorServer Server { get; }

    public SimulatorState State => Server.State;

    public SteppedClock Clock { get; }

    public RecordingHandler Handler { get; }

    public TensorOneClient Client { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    public ClusterWatcher Watcher { get; }

    /// <summary>Fake time since the rig started.</summary>
    public TimeSpan Elapsed => Clock.GetUtcNow() - Start;

    /// <summary>The watcher's reads (lists and single GETs), in the order they were sent.</summary>
    public IReadOnlyList<RecordedCall> Reads => Handler.Calls.Where(c => c.Method == "GET").OrderBy(c => c.At).ToList();

    public static async Task<WatcherRig> StartAsync(double stopPhaseSeconds = 1, double restartPhaseSeconds = 1, WaitOptions? wait = null)
    {
        var clock = new SteppedClock(Start);
        var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StopPhaseSeconds = stopPhaseSeconds,
            RestartPhaseSeconds = restartPhaseSeconds,
            TimeProvider = clock.Fake,
        });
        var handler = new RecordingHandler(clock, Start);
        var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = server.BaseUri,
            ApiKey = new ApiKey(server.Options.ApiKey),
            Handler = handler,
            TimeProvider = clock,

            // A request's own timeouts lie beyond the clock's horizon (and within the day Polly allows):
            // the tests never move the clock during a request, so these never fire and are never the
            // next thing due.
            AttemptTimeout = RequestTimeouts,
            OperationTimeout = RequestTimeouts,
        });
        return new WatcherRig(server, clock, handler, client, wait);
    }

    /// <summary>Stops the clusters (at the current fake time) and watches each with the status the stop answered.</summary>
    public async Task<Task<WaitOutcome>[]> StopAndWatchAsync(IEnumerable<string> ids, TimeSpan timeout)
    {
        var stops = await Task.WhenAll(ids.Select(id => Client.StopClusterAsync(id)));
        return stops.Select(stop => Watch(stop.Id, ClusterOperationKind.Stop, stop.Status, timeout)).ToArray();
    }

    /// <summary>Watches one cluster; its deadline is known to the clock as a deadline, not a sleep.</summary>
    public Task<WaitOutcome> Watch(string id, ClusterOperationKind kind, string? status, TimeSpan timeout)
    {
        Clock.ExpectDeadline(Clock.GetUtcNow() + timeout);
        return Watcher.WatchAsync(id, kind, status, timeout);
    }

    /// <summary>Moves the clock to the next sleep or deadline that is due, and lets what it wakes run until all is idle again.</summary>
    public async Task StepAsync(params Task[] watches)
    {
        await SettleAsync(0, watches);
        if (watches.All(w => w.IsCompleted))
        {
            return;
        }

        var due = Clock.NextDue() ?? throw new InvalidOperationException("Nothing is waiting on the clock, yet the watches have not ended.");
        var mark = Clock.Generation;
        if (due > Clock.GetUtcNow())
        {
            Clock.Fake.Advance(due - Clock.GetUtcNow());
        }

        // Whatever woke (a poll, a retry) is done when it has gone back to sleep on a timer set after the step.
        await SettleAsync(mark, watches);
    }

    /// <summary>Steps until the watch has ended; returns the fake time its last step reached.</summary>
    public async Task<TimeSpan> StepToEndAsync(Task watch)
    {
        var endedAt = TimeSpan.Zero;
        while (!watch.IsCompleted)
        {
            await StepAsync(watch);
            endedAt = Elapsed;
        }

        return endedAt;
    }

    /// <summary>Steps until every watch has ended, or fails when fake time passes <paramref name="limit"/>.</summary>
    public async Task RunUntilEndedAsync(TimeSpan limit, params Task[] watches)
    {
        while (!watches.All(w => w.IsCompleted))
        {
            if (Elapsed > limit)
            {
                throw new TimeoutException($"The watches had not ended after {Elapsed} of fake time.");
            }

            await StepAsync(watches);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cancellation.Cancel();
        Client.Dispose();
        Handler.Dispose();
        await Server.DisposeAsync();
        Cancellation.Dispose();
    }

    /// <summary>
    /// Waits, in real time, until nothing can happen without the clock moving: no request in flight and
    /// something asleep on a timer made after <paramref name="sinceGeneration"/>; or every watch ended.
    /// </summary>
    private async Task SettleAsync(long sinceGeneration, Task[] watches)
    {
        var limit = DateTime.UtcNow + SettleLimit;
        while (!watches.All(w => w.IsCompleted))
        {
            if (Handler.InFlight == 0 && Clock.HasPendingSleep(sinceGeneration))
            {
                return;
            }

            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"The watcher did not settle at {Elapsed}: {Handler.InFlight} requests in flight; timers: {Clock.Describe()}");
            }

            await Task.Delay(1);
        }
    }
}
