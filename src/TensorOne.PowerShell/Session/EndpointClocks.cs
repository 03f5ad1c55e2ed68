using System.Collections.Concurrent;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// The clock a client of an endpoint runs on; the system clock unless one was set. Only the
/// engine-hosted tests set one, by reflection (they never reference this assembly), so a test's fake
/// clock drives -Wait, retries and deadlines of the clients for its own simulator, and no other.
/// Not a cmdlet parameter or a variable: users never see it.
/// </summary>
internal static class EndpointClocks
{
    private static readonly ConcurrentDictionary<Uri, object> Clocks = new();

    /// <summary>Clients made from now on for <paramref name="baseUri"/> use <paramref name="timeProvider"/> (a TimeProvider of any load context).</summary>
    public static void Use(Uri baseUri, object timeProvider)
    {
        Clocks[baseUri] = timeProvider;
        ModuleSession.RetireClientsOf(baseUri);
    }

    public static void Forget(Uri baseUri)
    {
        Clocks.TryRemove(baseUri, out _);
        ModuleSession.RetireClientsOf(baseUri);
    }

    public static object? For(Uri baseUri) => Clocks.TryGetValue(baseUri, out var clock) ? clock : null;
}
