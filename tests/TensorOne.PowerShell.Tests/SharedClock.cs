using System.Management.Automation;
using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using TensorOne.Simulator;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// One fake clock for a simulator and for the module's clients of it, so clusters move through their
/// phases exactly as fast as the module's polls, retries and deadlines see time pass. While a script
/// runs, the clock is stepped whenever the module is quiet: every request the simulator received has
/// been answered and nothing new arrived since the last look. No timer is looked into; a wait on
/// the fake clock lasts as many steps as it needs, however busy the machine.
/// </summary>
internal sealed class SharedClock
{
    /// <summary>The shortest poll interval the module uses, so a poll is never skipped over.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the traffic must stay the same, in real time, before the clock moves. The module may be
    /// busy rather than asleep when it is quiet (between an answer and its next timer), so fake time can
    /// run ahead of it by a step per this much work: a phase a test must see read is made far longer.
    /// </summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(25);

    /// <summary>Only against a hang: a script's fake-time waits never come near it in real time.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly SimulatorState _state;

    public SharedClock(SimulatorState state, FakeTimeProvider fake)
    {
        _state = state;
        Fake = fake;
    }

    public FakeTimeProvider Fake { get; }

    /// <summary>Fake time for a simulator whose module clients are then put on it with <see cref="ServeModule"/>.</summary>
    public static FakeTimeProvider NewFake() => new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Puts the module's clients of <paramref name="baseUri"/> on this clock. The module is reached by
    /// reflection: this project never references its assemblies, so they load as in pwsh.
    /// </summary>
    public void ServeModule(Uri baseUri) => Hook("Use", baseUri, Fake);

    public static void ForgetModule(Uri baseUri) => Hook("Forget", baseUri);

    /// <summary>Steps the clock until <paramref name="shell"/>'s invocation has ended.</summary>
    public void RunUntilEnded(System.Management.Automation.PowerShell shell, IAsyncResult handle)
    {
        var guard = DateTime.UtcNow + Guard;
        var last = -1L;
        while (!handle.AsyncWaitHandle.WaitOne(Quiet))
        {
            var received = _state.Received;
            if (received == last && _state.InFlight == 0)
            {
                Fake.Advance(Step);
            }

            last = received;
            if (DateTime.UtcNow > guard)
            {
                shell.Stop();
                throw new TimeoutException($"The script had not ended after {Guard.TotalMinutes} minutes; fake time {Fake.GetUtcNow():O}.");
            }
        }
    }

    /// <summary>Steps the clock until <paramref name="condition"/> holds (something the test can see: requests, output).</summary>
    public void StepUntil(Func<bool> condition, string what)
    {
        var guard = DateTime.UtcNow + Guard;
        var last = -1L;
        while (!condition())
        {
            Thread.Yield();
            using (var pause = new ManualResetEventSlim())
            {
                pause.Wait(Quiet);
            }

            var received = _state.Received;
            if (received == last && _state.InFlight == 0)
            {
                Fake.Advance(Step);
            }

            last = received;
            if (DateTime.UtcNow > guard)
            {
                throw new TimeoutException($"Not reached within {Guard.TotalMinutes} minutes: {what}.");
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
