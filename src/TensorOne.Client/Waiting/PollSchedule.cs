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

    public TimeSpan NextDelay(TimeSpan youngestAge, TimeSpan? untilEarliestEstimate, TimeSpan? retryAfter, bool budgetLow)
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

        if (budgetLow)
        {
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxInterval.Ticks * 2));
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
