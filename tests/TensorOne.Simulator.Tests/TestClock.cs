using Microsoft.Extensions.Time.Testing;

namespace TensorOne.Simulator.Tests;

internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2025, 1, 15, 16, 30, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);
}
