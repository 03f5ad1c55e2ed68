namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Counts requests in an hourly window so the X-RateLimit-* headers move like the real ones. It never
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
