namespace TensorOne.Simulator.Operations;

internal static class PhaseDuration
{
    /// <summary>Options are live and settable by tests, so a nonsensical value is read as "at once".</summary>
    public static TimeSpan FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
}
