using System.Collections.Concurrent;
using TensorOne.Client;
using TensorOne.Client.Resilience;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// The clock a client of an endpoint runs on; the system clock unless one was set. Only the
/// engine-hosted tests set one, by reflection (they never reference this assembly), so a test's fake
/// clock drives -Wait, retries and deadlines of the clients for its own simulator, and no other.
/// Not a cmdlet parameter or a variable: users never see it.
/// </summary>
internal static class EndpointClocks
{
    private static readonly ConcurrentDictionary<Uri, EndpointClock> Clocks = new();

    /// <summary>Clients made from now on for <paramref name="baseUri"/> use <paramref name="timeProvider"/> (a TimeProvider of any load context).</summary>
    public static void Use(Uri baseUri, object timeProvider)
    {
        Clocks[baseUri] = new EndpointClock(timeProvider, new AttemptTally());
        ModuleSession.RetireClientsOf(baseUri);
    }

    public static void Forget(Uri baseUri)
    {
        Clocks.TryRemove(baseUri, out _);
        ModuleSession.RetireClientsOf(baseUri);
    }

    /// <summary>
    /// Attempts the endpoint's clients have out now: the test that moves the clock holds it still while
    /// any is, so an attempt's own timeout never runs out before the server could answer.
    /// </summary>
    public static int AttemptsInFlight(Uri baseUri) => Clocks.TryGetValue(baseUri, out var clock) ? clock.Attempts.InFlight : 0;

    /// <summary>Attempts the endpoint's clients started, plus those that ended, so far.</summary>
    public static long AttemptMoves(Uri baseUri) => Clocks.TryGetValue(baseUri, out var clock) ? clock.Attempts.Moves : 0;

    /// <summary>Puts a client of <paramref name="options"/>' endpoint on the endpoint's clock, when it has one.</summary>
    public static void Apply(TensorOneClientOptions options)
    {
        if (Clocks.TryGetValue(options.BaseUri, out var clock))
        {
            options.UseClock(clock.TimeProvider);
            options.AttemptTally = clock.Attempts;
        }
    }

    private sealed class EndpointClock(object timeProvider, AttemptTally attempts)
    {
        public object TimeProvider { get; } = timeProvider;

        public AttemptTally Attempts { get; } = attempts;
    }
}
