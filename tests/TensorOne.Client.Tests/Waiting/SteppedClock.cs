using Microsoft.Extensions.Time.Testing;
using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also knows which of its timers are pending and what they are
/// for, so a test can tell "asleep until the clock moves" from "busy" without sleeping itself.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = new();
    private long _generation;

    public SteppedClock(DateTimeOffset start) => Fake = new FakeTimeProvider(start);

    public FakeTimeProvider Fake { get; }

    /// <summary>How many timers were created so far: a mark to ask "created since" against.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var kind = state switch
        {
            CancellationTokenSource => TimerKind.RequestTimeout,
            WatchedCluster => TimerKind.Deadline,
            _ => TimerKind.Sleep,
        };
        var timer = new TrackedTimer(this, kind, Interlocked.Increment(ref _generation), dueTime);
        timer.Attach(Fake.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period));

        // Published only once the fake clock knows it: a test that sees it pending may move the clock at
        // once, and the timer must then be due where the test thinks it is.
        lock (_gate)
        {
            // Kept after firing too: a timer may be set again with Change.
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Whether something is asleep on a timer created after <paramref name="sinceGeneration"/>.</summary>
    public bool HasPendingSleep(long sinceGeneration) => Pending().Any(t => t.Kind == TimerKind.Sleep && t.Generation > sinceGeneration);

    /// <summary>
    /// Whether something sleeps until exactly <paramref name="after"/> from now: a retry's wait, told
    /// apart from other sleepers (the stall notice's periodic timer) by when it is due.
    /// </summary>
    public bool HasPendingSleepFor(TimeSpan after)
    {
        var due = Fake.GetUtcNow() + after;
        return Pending().Any(t => t.Kind == TimerKind.Sleep && t.Due == due);
    }

    /// <summary>The soonest moment a sleep or a deadline is due, if any is pending.</summary>
    public DateTimeOffset? NextDue() =>
        Pending().Where(t => t.Kind != TimerKind.RequestTimeout).Select(t => t.Due).Where(d => d is not null).Min();

    public string Describe() =>
        string.Join(", ", Pending().Select(t => $"{t.Kind}#{t.Generation} at {t.Due:HH:mm:ss.fff}"));

    private List<TrackedTimer> Pending()
    {
        lock (_gate)
        {
            return _timers.Where(t => t.Due is not null).ToList();
        }
    }
}
