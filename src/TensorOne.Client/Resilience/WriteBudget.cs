namespace TensorOne.Client.Resilience;

/// <summary>
/// The writes the API says are left in its rate-limit window, less the writes already on their way.
/// A batch larger than the budget sends what fits: the rest wait for the answers in flight (they
/// carry fresher counts), and once an answer says none is left, every further write is refused here,
/// without a request, until the window resets, instead of being sent to collect a 429 each.
/// </summary>
internal sealed class WriteBudget
{
    private readonly object _gate = new();
    private int? _left;
    private DateTimeOffset? _resetsAt;
    private int _inFlight;
    private TaskCompletionSource<bool> _changed = NewSignal();

    public enum Verdict
    {
        /// <summary>Send it.</summary>
        Granted,

        /// <summary>What is left is taken by writes in flight: wait for their answers.</summary>
        Full,

        /// <summary>The API said none is left until the reset.</summary>
        Exhausted,
    }

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

    /// <summary>Takes one write from the budget when it can; otherwise says why, with when the window resets and a task that ends on the next change.</summary>
    public Verdict TryReserve(DateTimeOffset now, out DateTimeOffset until, out Task changed)
    {
        lock (_gate)
        {
            if (_resetsAt is { } reset && now >= reset)
            {
                _left = null;
                _resetsAt = null;
            }

            until = _resetsAt ?? now;
            changed = _changed.Task;
            if (_left is { } left && _resetsAt is not null)
            {
                if (left <= 0)
                {
                    return Verdict.Exhausted;
                }

                if (left - _inFlight <= 0)
                {
                    return Verdict.Full;
                }
            }

            _inFlight++;
            return Verdict.Granted;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
            Signal();
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

            Signal();
        }
    }

    private void Signal()
    {
        var signal = _changed;
        _changed = NewSignal();
        signal.TrySetResult(true);
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
