namespace TensorOne.Simulator.Responses;

/// <summary>
/// Timestamps as the API writes them: UTC with a trailing <c>Z</c>, to the millisecond. A UTC
/// <see cref="DateTime"/> is what makes System.Text.Json write the <c>Z</c>.
/// </summary>
internal static class WireTime
{
    public static DateTime From(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond);
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
