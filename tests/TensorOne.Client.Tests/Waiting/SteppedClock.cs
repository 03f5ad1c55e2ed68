using Microsoft.Extensions.Time.Testing;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also knows which of its timers are pending and when each is
/// due, so a test can tell "asleep until the clock moves" from "busy" without sleeping itself. Timers
/// are told apart only by when they are due, against what the test itself set: the deadlines it gave
/// (<see cref="ExpectDeadline"/>) and a horizon beyond which a timer never counts (the rig sets the
/// client's attempt timeout past it). Never by what the code under test passes as a timer's state.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = new();
    private readonly List<DateTimeOffset> _deadlines = new();
    private long _generation;

    public SteppedClock(DateTimeOffset start) => Fake = new FakeTimeProvider(start);

    public FakeTimeProvider Fake { get; }

    /// <summary>Timers due this far ahead or further are never what a test waits for or steps to.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How many timers were created so far: a mark to ask "created since" against.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>A timer due at <paramref name="at"/> is a deadline the test gave, not something asleep.</summary>
    public void ExpectDeadline(DateTimeOffset at)
    {
        lock (_gate)
        {
            _deadlines.Add(at);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, Interlocked.Increment(ref _generation), dueTime, Traffic());
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
    public bool HasPendingSleep(long sinceGeneration) => Sleeping().Any(t => t.Generation > sinceGeneration);

    /// <summary>
    /// Whether something sleeps until exactly <paramref name="after"/> from now: a retry's wait, told
    /// apart from other sleepers (the stall notice's periodic timer) by when it is due.
    /// </summary>
    public bool HasPendingSleepFor(TimeSpan after)
    {
        var due = Fake.GetUtcNow() + after;
        return Sleeping().Any(t => t.Due == due);
    }

    /// <summary>The soonest moment a sleep or a deadline is due, if any is pending.</summary>
    public DateTimeOffset? NextDue() => Pending().Select(t => t.Due).Min();

    /// <summary>
    /// What a timer's creator did next is read from this count (requests a server received, say): a
    /// timer after which it did not move is one its creator sleeps on, not a guard around a request.
    /// </summary>
    public Func<long> Traffic { get; set; } = static () => 0;

    /// <summary>
    /// The soonest moment a timer due within <paramref name="within"/>, with no traffic since it was
    /// created, is due, if any is pending: what its creator sleeps on.
    /// </summary>
    public DateTimeOffset? NextSleepDue(TimeSpan within)
    {
        var traffic = Traffic();
        var until = Fake.GetUtcNow() + within;
        return Pending().Where(t => t.TrafficAtCreation == traffic && t.Due <= until).Select(t => t.Due).Min();
    }

    public string Describe() =>
        string.Join(", ", Pending().Select(t => $"#{t.Generation} at {t.Due:HH:mm:ss.fff}"));

    // A deadline's timer is made when its watch starts, before any sleep that may fall due with it (a
    // last poll held back to the deadline): of the timers due at a deadline, the first made are the
    // deadlines, one per deadline given, and any others are asleep.
    private List<TrackedTimer> Sleeping()
    {
        List<DateTimeOffset> deadlines;
        lock (_gate)
        {
            deadlines = _deadlines.ToList();
        }

        return Pending()
            .GroupBy(t => t.Due!.Value)
            .SelectMany(atOnce => atOnce.OrderBy(t => t.Generation).Skip(deadlines.Count(d => d == atOnce.Key)))
            .ToList();
    }

    private List<TrackedTimer> Pending()
    {
        var horizon = Fake.GetUtcNow() + Horizon;
        lock (_gate)
        {
            return _timers.Where(t => t.Due is { } due && due < horizon).ToList();
        }
    }
}
