using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

public sealed class PollScheduleTests
{
    private static readonly PollSchedule Schedule = new(new WaitOptions());

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static TimeSpan Next(double age, double? untilEarliest = null, double? untilLatest = null, double? retryAfter = null, bool budgetLow = false) =>
        Schedule.NextDelay(S(age), untilEarliest is { } e ? S(e) : null, untilLatest is { } l ? S(l) : null, retryAfter is { } r ? S(r) : null, budgetLow);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(8, 2)]
    [InlineData(20, 5)]
    [InlineData(40, 10)]
    public void Young_operations_are_polled_each_second_and_older_ones_at_a_quarter_of_their_age(double age, double expected) =>
        Assert.Equal(S(expected), Next(age));

    [Theory]
    [InlineData(60)]
    [InlineData(600)]
    [InlineData(36_000)]
    public void The_interval_is_capped(double age) => Assert.Equal(S(15), Next(age));

    [Fact]
    public void A_nearer_estimate_brings_the_poll_to_just_after_it()
    {
        Assert.Equal(S(3.2), Next(age: 40, untilEarliest: 3));
        Assert.Equal(S(10), Next(age: 40, untilEarliest: 30));
    }

    [Fact]
    public void An_estimate_never_brings_the_poll_below_the_shortest_interval()
    {
        Assert.Equal(S(1), Next(age: 40, untilEarliest: 0.1));
        Assert.Equal(S(10), Next(age: 40, untilEarliest: -5));
    }

    [Theory]
    [InlineData(0, 30, 30)]
    [InlineData(40, 30, 30)]
    [InlineData(40, 0.5, 10)]
    [InlineData(600, 1800, 1800)]
    public void A_Retry_After_is_never_undercut(double age, double retryAfter, double expected) =>
        Assert.Equal(S(expected), Next(age, retryAfter: retryAfter));

    [Fact]
    public void A_Retry_After_outranks_an_estimate() => Assert.Equal(S(30), Next(age: 40, untilEarliest: 2, retryAfter: 30));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(20, 10)]
    [InlineData(600, 30)]
    public void A_low_budget_doubles_the_interval_up_to_twice_the_cap(double age, double expected) =>
        Assert.Equal(S(expected), Next(age, budgetLow: true));

    [Fact]
    public void A_low_budget_does_not_put_off_the_poll_that_will_see_every_operation_end()
    {
        // Every operation is estimated to end within the doubled interval: one poll just after the last
        // estimate sees them all, and no sooner than the regular interval.
        Assert.Equal(S(1.7), Next(age: 0, untilEarliest: 0.5, untilLatest: 1.5, budgetLow: true));
        Assert.Equal(S(1), Next(age: 0, untilEarliest: 0.1, untilLatest: 0.3, budgetLow: true));
        Assert.Equal(S(1), Next(age: 0, untilLatest: -2, budgetLow: true));

        // Some end later than the doubled interval, or have no estimate: the interval doubles.
        Assert.Equal(S(2), Next(age: 0, untilEarliest: 0.5, untilLatest: 30, budgetLow: true));
        Assert.Equal(S(2), Next(age: 0, untilEarliest: 0.5, untilLatest: null, budgetLow: true));
    }

    [Fact]
    public void A_Retry_After_outranks_a_low_budget() => Assert.Equal(S(60), Next(age: 20, retryAfter: 60, budgetLow: true));
}
