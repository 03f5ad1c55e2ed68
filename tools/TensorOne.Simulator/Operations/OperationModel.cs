namespace TensorOne.Simulator.Operations;

internal enum OperationKind
{
    Stop,
    Restart,
}

/// <summary>A phase name from the reference and the sentence shown as <c>current_step</c> during it.</summary>
internal sealed record OperationPhase(string Name, string CurrentStep);

/// <summary>The <c>stop_progress</c> / <c>restart_progress</c> object at one instant.</summary>
internal sealed record OperationProgress(string Phase, int Percentage, string CurrentStep, int StepsCompleted, int TotalSteps);

internal static class PhaseDuration
{
    /// <summary>Options are live and settable by tests, so a nonsensical value is read as "at once".</summary>
    public static TimeSpan FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
}

/// <summary>A validated stop request, reduced to what changes the cluster.</summary>
internal sealed record StopCommand(bool Immediate, string? SnapshotId, TimeSpan PhaseDuration, string RequestBody);

/// <summary>A validated restart request, reduced to what changes the cluster.</summary>
internal sealed record RestartCommand(bool Immediate, bool CreateCheckpoint, bool AppliesUpdates, string? DockerImage, TimeSpan PhaseDuration, string RequestBody);

/// <summary>
/// The answer of a cluster to a stop or restart: the cluster as it was just before, and the operation
/// it started, or none when its status did not allow one.
/// </summary>
internal sealed record OperationAttempt(ClusterView Before, ClusterOperation? Started)
{
    public bool Accepted => Started is not null;
}
