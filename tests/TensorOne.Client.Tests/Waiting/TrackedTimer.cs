namespace TensorOne.Client.Tests.Waiting;

/// <summary>A fake clock's timer, with what <see cref="SteppedClock"/> needs to know: when it is due and whether it is still pending.</summary>
internal sealed class TrackedTimer : ITimer
{
    private readonly SteppedClock _clock;
    private readonly object _gate = new();
    private DateTimeOffset? _dueAt;
    private ITimer? _inner;

    public TrackedTimer(SteppedClock clock, long generation, TimeSpan dueTime, long trafficAtCreation)
    {
        _clock = clock;
        TrafficAtCreation = trafficAtCreation;
        Generation = generation;
        _dueAt = DueAt(dueTime);
    }

    /// <summary>The clock's <see cref="SteppedClock.Traffic"/> when the timer was made.</summary>
    public long TrafficAtCreation { get; }

    /// <summary>Creation order among the clock's timers.</summary>
    public long Generation { get; }

    /// <summary>When it will fire, or null when it will not (fired, disposed, or never set).</summary>
    public DateTimeOffset? Due
    {
        get
        {
            lock (_gate)
            {
                return _dueAt;
            }
        }
    }

    public void Attach(ITimer inner) => _inner = inner;

    /// <summary>Called by the fake clock just before the timer's callback (one-shot timers only are used here).</summary>
    public void Fired()
    {
        lock (_gate)
        {
            _dueAt = null;
        }
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _dueAt = DueAt(dueTime);
        }

        return _inner?.Change(dueTime, period) ?? false;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _dueAt = null;
        }

        _inner?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private DateTimeOffset? DueAt(TimeSpan dueTime) =>
        dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
}
