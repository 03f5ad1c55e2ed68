using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using TensorOne.Client.Tests.Waiting;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// One fake clock for a simulator and for the module's clients of it, so clusters move through their
/// phases exactly as fast as the module's polls, retries and deadlines see time pass. While a script
/// runs, the clock moves only when the module is asleep on it: none of its attempts is out (the
/// module's own count, from before an attempt's timeout is set until the attempt has ended, so the
/// clock never runs out an attempt still on its way to the simulator), none started or ended since
/// the last look, and a timer is pending. The clock then moves toward that timer, a step at most at a time.
/// Timers are known by when they are due and what followed them, never by what the code passes as
/// their state.
/// </summary>
internal sealed class SharedClock
{
    /// <summary>The most the clock moves at once: the module's shortest poll interval.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>How long, in real time, no attempt of the module's may start or end before the clock moves.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    /// <summary>The module's longest poll interval: a timer due further off is not taken for its sleep at once.</summary>
    private static readonly TimeSpan Asleep = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Quiet moments (a second of real time) after which the clock moves toward any timer, not only one
    /// set since the module last sent something: a long Retry-After, a deadline. No attempt is out then
    /// (that is never waited out), so this only spares the module's handling of an answer, before it
    /// sets its next sleep, from fake seconds passing under it.
    /// </summary>
    private const int LongQuiet = 50;

    /// <summary>Only against a hang: a script's fake-time waits never come near it in real time.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private Func<int> _attemptsInFlight = static () => 0;

    public SharedClock(SteppedClock clock) => Clock = clock;

    /// <summary>The module's clock; the simulator runs on its <see cref="SteppedClock.Fake"/>.</summary>
    public SteppedClock Clock { get; }

    public FakeTimeProvider Fake => Clock.Fake;

    /// <summary>
    /// Moves time on while an attempt is out too, toward any timer: for a server that does not answer,
    /// whose silence the module's own deadlines must end.
    /// </summary>
    public bool StepDuringRequests { get; set; }

    /// <summary>
    /// Puts the module's clients of <paramref name="baseUri"/> on this clock, and reads their attempts
    /// from the module. The module is reached by reflection: this project never references its
    /// assemblies, so they load as in pwsh.
    /// </summary>
    public void ServeModule(Uri baseUri)
    {
        Hook("Use", baseUri, Clock);
        var inFlight = Readers<int>("AttemptsInFlight", baseUri);
        var moves = Readers<long>("AttemptMoves", baseUri);
        _attemptsInFlight = () => inFlight.Sum(read => read());
        Clock.Traffic = () => moves.Sum(read => read());
    }

    public static void ForgetModule(Uri baseUri) => Hook("Forget", baseUri);

    /// <summary>Steps the clock until <paramref name="handle"/>'s invocation has ended.</summary>
    public void RunUntilEnded(System.Management.Automation.PowerShell shell, IAsyncResult handle)
    {
        var guard = DateTime.UtcNow + Guard;
        var lastMoves = -1L;
        var quiet = 0;
        while (!handle.AsyncWaitHandle.WaitOne(Quiet))
        {
            // Moves read before in flight: an attempt that starts between the two reads shows in the next
            // look's moves, so at most one step (a second, against a 30 s attempt timeout) slips in beside it.
            var moves = Clock.Traffic();
            quiet = moves == lastMoves && (StepDuringRequests || _attemptsInFlight() == 0) ? quiet + 1 : 0;

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

            lastMoves = moves;
            if (DateTime.UtcNow > guard)
            {
                shell.Stop();
                throw new TimeoutException($"The script had not ended after {Guard.TotalMinutes} minutes; pending timers: {Clock.Describe()}.");
            }
        }
    }

    private static List<Func<T>> Readers<T>(string method, Uri baseUri) =>
        Modules().Select(clocks => clocks.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!)
            .Select(read => (Func<T>)(() => (T)read.Invoke(null, new object[] { baseUri })!))
            .ToList();

    private static void Hook(string method, params object[] arguments)
    {
        foreach (var clocks in Modules())
        {
            clocks.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, arguments);
        }
    }

    private static List<Type> Modules()
    {
        var modules = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "TensorOne.PowerShell").ToList();
        if (modules.Count == 0)
        {
            throw new InvalidOperationException("The module is not imported yet.");
        }

        return modules.Select(module => module.GetType("TensorOne.PowerShell.Session.EndpointClocks", throwOnError: true)!).ToList();
    }
}
