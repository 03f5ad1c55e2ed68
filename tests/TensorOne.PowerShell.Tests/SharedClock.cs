using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using TensorOne.Client.Tests.Waiting;
using TensorOne.Simulator;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// One fake clock for a simulator and for the module's clients of it, so clusters move through their
/// phases exactly as fast as the module's polls, retries and deadlines see time pass. While a script
/// runs, the clock moves only when the module is asleep on it: no request is in flight at the simulator,
/// and a timer the module set since the clock last moved, with no request sent after it, is pending
/// (a request's own timeouts are set just before it is sent). The clock then moves toward that timer, a
/// step at most at a time. Timers are known by when they are due and what followed them, never by what
/// the code passes as their state.
/// </summary>
internal sealed class SharedClock
{
    /// <summary>The most the clock moves at once: the module's shortest poll interval.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>How long the traffic must stay the same, in real time, before the clock moves.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    /// <summary>The module's longest poll interval: a timer due further off is not taken for its sleep at once.</summary>
    private static readonly TimeSpan Asleep = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Quiet moments (a second of real time) after which the clock moves toward any timer. Long enough
    /// for a request whose timeout is already set to reach the simulator on a busy machine: moved
    /// sooner, the clock ends that attempt before it was sent.
    /// </summary>
    private const int LongQuiet = 50;

    /// <summary>Only against a hang: a script's fake-time waits never come near it in real time.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly SimulatorState _state;

    public SharedClock(SimulatorState state, SteppedClock clock)
    {
        _state = state;
        Clock = clock;
        clock.Traffic = () => state.Received;
    }

    /// <summary>The module's clock; the simulator runs on its <see cref="SteppedClock.Fake"/>.</summary>
    public SteppedClock Clock { get; }

    public FakeTimeProvider Fake => Clock.Fake;

    /// <summary>
    /// Moves time on while a request is in flight too, toward any timer: for a server that does not
    /// answer, whose silence the module's own deadlines must end.
    /// </summary>
    public bool StepDuringRequests { get; set; }

    /// <summary>
    /// Puts the module's clients of <paramref name="baseUri"/> on this clock. The module is reached by
    /// reflection: this project never references its assemblies, so they load as in pwsh.
    /// </summary>
    public void ServeModule(Uri baseUri) => Hook("Use", baseUri, Clock);

    public static void ForgetModule(Uri baseUri) => Hook("Forget", baseUri);

    /// <summary>Steps the clock until <paramref name="handle"/>'s invocation has ended.</summary>
    public void RunUntilEnded(System.Management.Automation.PowerShell shell, IAsyncResult handle)
    {
        var guard = DateTime.UtcNow + Guard;
        var lastReceived = -1L;
        var quiet = 0;
        while (!handle.AsyncWaitHandle.WaitOne(Quiet))
        {
            var received = _state.Received;
            quiet = received == lastReceived && (StepDuringRequests || _state.InFlight == 0) ? quiet + 1 : 0;

            // Asleep: a timer due within a poll interval, with nothing sent since it was set. Long quiet
            // with none such (a long Retry-After, a deadline, a sleep that another read followed): any timer.
            var next = quiet == 0 ? null
                : quiet < LongQuiet && !StepDuringRequests ? Clock.NextSleepDue(Asleep)
                : Clock.NextDue();
            if (next is { } due && due > Fake.GetUtcNow())
            {
                var left = due - Fake.GetUtcNow();
                Fake.Advance(left < Step ? left : Step);
            }

            lastReceived = received;
            if (DateTime.UtcNow > guard)
            {
                shell.Stop();
                throw new TimeoutException($"The script had not ended after {Guard.TotalMinutes} minutes; pending timers: {Clock.Describe()}.");
            }
        }
    }

    private static void Hook(string method, params object[] arguments)
    {
        var modules = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "TensorOne.PowerShell").ToList();
        if (modules.Count == 0)
        {
            throw new InvalidOperationException("The module is not imported yet.");
        }

        foreach (var module in modules)
        {
            var clocks = module.GetType("TensorOne.PowerShell.Session.EndpointClocks", throwOnError: true)!;
            clocks.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, arguments);
        }
    }
}
