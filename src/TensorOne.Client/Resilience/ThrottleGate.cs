namespace TensorOne.Client.Resilience;

/// <summary>
/// Remembers a 429 whose Retry-After was longer than the client waits. The limit is per account, so
/// every other request of the same kind (the API counts reads and writes apart) would be refused alike
/// until then: they fail at once, without spending a request, and say when to retry.
/// </summary>
internal sealed class ThrottleGate
{
    private long _readsUntilTicks;
    private long _writesUntilTicks;

    public DateTimeOffset? BlockedUntil(bool write, DateTimeOffset now)
    {
        var ticks = Interlocked.Read(ref write ? ref _writesUntilTicks : ref _readsUntilTicks);
        return ticks > now.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    public void Block(bool write, DateTimeOffset until)
    {
        ref var slot = ref write ? ref _writesUntilTicks : ref _readsUntilTicks;
        var ticks = until.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref slot);
            if (current >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref slot, ticks, current) != current);
    }
}
