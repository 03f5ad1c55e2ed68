namespace TensorOne.Client.Internal;

/// <summary>
/// The writes the API says are left in its rate-limit window, less the writes already on their way.
/// A batch larger than the budget sends what fits and no more: every further write is refused here,
/// without a request, until the window resets, instead of being sent to collect a 429 each.
/// </summary>
internal sealed class WriteBudget
{
    private readonly object _gate = new();
    private int? _left;
    private DateTimeOffset? _resetsAt;
    private int _inFlight;

    /// <summary>Writes the API allows now, counting those in flight as spent; null when it has not said.</summary>
    public int? Left
    {
        get
        {
            lock (_gate)
            {
                return _left is { } left ? Math.Max(0, left - _inFlight) : null;
            }
        }
    }

    public DateTimeOffset? ResetsAt
    {
        get
        {
            lock (_gate)
            {
                return _resetsAt;
            }
        }
    }

    /// <summary>Takes one write from the budget; returns null when granted, else when the window resets.</summary>
    public DateTimeOffset? TryReserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_resetsAt is { } reset && now >= reset)
            {
                _left = null;
                _resetsAt = null;
            }

            if (_left is { } left && left - _inFlight <= 0 && _resetsAt is { } until)
            {
                return until;
            }

            _inFlight++;
            return null;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
        }
    }

    /// <summary>
    /// What a write's answer said. Answers arrive out of order, so the lowest count in a window wins. An
    /// empty budget with a Retry-After is over when the Retry-After says, else when the window resets.
    /// </summary>
    public void Observe(int? remaining, DateTimeOffset? windowResetsAt, DateTimeOffset? retryAt)
    {
        if (remaining is not { } count)
        {
            return;
        }

        lock (_gate)
        {
            // Writes still in flight may not be counted in this answer yet: they stay reserved until
            // Release, which keeps the estimate on the safe side.
            _left = _left is { } known ? Math.Min(known, count) : count;
            var reset = count == 0 && retryAt is { } at ? at : windowResetsAt;
            if (reset is { } r)
            {
                _resetsAt = count == 0 || _resetsAt is null ? r : _resetsAt;
            }
        }
    }
}
