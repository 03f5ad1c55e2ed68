using TensorOne.Client.Http;

namespace TensorOne.Client.Resilience;

/// <summary>
/// The one deadline of an operation. A write may use it all but a reserve, kept for the read that
/// checks a write whose answer was lost: without that read the outcome would be unknown, so it must
/// never be starved by retries of the write.
/// </summary>
internal sealed class OperationDeadline
{
    private static readonly TimeSpan LargestReserve = TimeSpan.FromSeconds(20);

    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _end;
    private readonly DateTimeOffset _writeEnd;

    public OperationDeadline(TimeProvider clock, TimeSpan budget)
    {
        _clock = clock;
        Budget = budget;
        _end = clock.GetUtcNow() + budget;
        var reserve = TimeSpan.FromTicks(Math.Min(LargestReserve.Ticks, budget.Ticks / 4));
        _writeEnd = _end - reserve;
    }

    public TimeSpan Budget { get; }

    public TimeSpan WriteTimeLeft => _writeEnd - _clock.GetUtcNow();

    /// <summary>What is left of the whole operation, the read-back's reserve included.</summary>
    public TimeSpan TimeLeft => _end - _clock.GetUtcNow();

    public ApiCall ForWrite(ApiCall call)
    {
        call.Deadline = _writeEnd;
        call.Budget = _writeEnd - (_end - Budget);
        return call;
    }

    public ApiCall ForRead(ApiCall call)
    {
        call.Deadline = _end;
        call.Budget = Budget;
        return call;
    }
}
