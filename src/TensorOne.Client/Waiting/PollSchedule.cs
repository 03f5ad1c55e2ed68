namespace TensorOne.Client.Waiting;

/// <summary>
/// When to poll next: soon for young operations, rarer as they run (the read budget is per hour),
/// just after the API's estimated completion when that comes first, and never before a Retry-After.
/// Pure arithmetic, so it is unit-tested without any clock.
/// </summary>
internal sealed class PollSchedule
{
    private readonly WaitOptions _options;

    public PollSchedule(WaitOptions options) => _options = options;

    /// <param name="youngestAge">How long the most recently started operation has run.</param>
    /// <param name="untilEarliestEstimate">Until the soonest estimated completion still ahead, if any.</param>
    /// <param name="untilLatestEstimate">Until the last estimated completion, when every operation has an estimate (zero or less: all are due).</param>
    /// <param name="retryAfter">What the API last asked us to wait, if it did.</param>
    /// <param name="budgetLow">The API's rate-limit headers say little of the read budget is left.</param>
    public TimeSpan NextDelay(TimeSpan youngestAge, TimeSpan? untilEarliestEstimate, TimeSpan? untilLatestEstimate, TimeSpan? retryAfter, bool budgetLow)
    {
        var grown = TimeSpan.FromTicks((long)(youngestAge.Ticks * _options.GrowthFactor));
        var delay = Clamp(grown, _options.MinInterval, _options.MaxInterval);
        if (untilEarliestEstimate is { } estimate && estimate > TimeSpan.Zero)
        {
            var atEstimate = estimate + _options.EstimateSlack;
            if (atEstimate < delay)
            {
                delay = atEstimate < _options.MinInterval ? _options.MinInterval : atEstimate;
            }
        }

        // A low budget stretches the interval, which saves reads only while polls would come in between.
        // When every operation is expected to be over within the stretched interval, one poll just after
        // the last estimate sees them all end: no more reads, and no later than need be.
        if (budgetLow)
        {
            var stretched = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxInterval.Ticks * 2));
            var afterLast = untilLatestEstimate is { } latest ? latest + _options.EstimateSlack : TimeSpan.MaxValue;
            delay = afterLast <= stretched ? (afterLast > delay ? afterLast : delay) : stretched;
        }

        if (retryAfter is { } wait && wait > delay)
        {
            delay = wait;
        }

        return delay;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
