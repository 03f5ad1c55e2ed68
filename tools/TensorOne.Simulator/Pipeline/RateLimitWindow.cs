namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Counts reads in an hourly window so the X-RateLimit-* headers move like the real ones (writes have their own). It never
/// refuses a request: throttling is for a fault stage to inject, not for the happy path to stumble on.
/// </summary>
internal sealed class RateLimitWindow(TimeProvider clock)
{
    // The documented "pro" read quota.
    public const int Limit = 1000;
    public const int WindowSeconds = 3600;

    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = clock.GetUtcNow();
    private int _used;

    /// <summary>The window as it stands, without counting a request.</summary>
    public RateLimitStatus Current()
    {
        lock (_gate)
        {
            var reset = _windowStart.AddSeconds(WindowSeconds).ToUnixTimeSeconds();
            return new RateLimitStatus(Limit, Math.Max(0, Limit - _used), reset, WindowSeconds);
        }
    }

    public RateLimitStatus Consume()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (now >= _windowStart.AddSeconds(WindowSeconds))
            {
                _windowStart = now;
                _used = 0;
            }

            _used++;
            var reset = _windowStart.AddSeconds(WindowSeconds).ToUnixTimeSeconds();
            return new RateLimitStatus(Limit, Math.Max(0, Limit - _used), reset, WindowSeconds);
        }
    }
}

internal sealed record RateLimitStatus(int Limit, int Remaining, long ResetUnixSeconds, int WindowSeconds);

/// <summary>X-RateLimit-Limit and -Remaining a fault wants on this answer instead of the window's own count.</summary>
internal sealed record RateLimitOverride(int Limit, int Remaining);
