namespace TensorOne.Simulator.Operations;

/// <summary>
/// A stop or restart in flight. It holds no timer: where it stands is computed from the clock each time
/// someone asks, so a fake clock drives it as well as the real one.
/// </summary>
internal sealed class ClusterOperation(OperationKind kind, DateTimeOffset startedAt, TimeSpan phaseDuration, IReadOnlyList<OperationPhase> phases, string inFlightStatus)
{
    public OperationKind Kind { get; } = kind;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public TimeSpan PhaseDuration { get; } = phaseDuration >= TimeSpan.Zero ? phaseDuration : throw new ArgumentOutOfRangeException(nameof(phaseDuration), phaseDuration, "A phase cannot take negative time.");

    public IReadOnlyList<OperationPhase> Phases { get; } = phases.Count > 0 ? phases : throw new ArgumentOutOfRangeException(nameof(phases), "An operation has at least one phase.");

    /// <summary><c>stopping</c>, <c>restarting</c> or <c>starting</c>.</summary>
    public string InFlightStatus { get; } = inFlightStatus;

    public string FinalStatus => Kind == OperationKind.Stop ? ClusterStatus.Stopped : ClusterStatus.Running;

    public DateTimeOffset CompletesAt => StartedAt + (PhaseDuration * Phases.Count);

    public bool IsCompleteAt(DateTimeOffset now) => now >= CompletesAt;

    /// <summary>How the operation looks the moment it is accepted, whatever the phase durations.</summary>
    public OperationProgress InitialProgress => new(Phases[0].Name, 0, Phases[0].CurrentStep, 0, Phases.Count);

    public OperationProgress ProgressAt(DateTimeOffset now)
    {
        if (IsCompleteAt(now))
        {
            var final = Kind == OperationKind.Stop ? OperationPhases.StopCompleted : OperationPhases.RestartReady;
            return new OperationProgress(final.Name, 100, final.CurrentStep, Phases.Count, Phases.Count);
        }

        // Not complete implies a positive phase duration, so the divisions below are safe.
        var elapsed = now < StartedAt ? TimeSpan.Zero : now - StartedAt;
        var total = CompletesAt - StartedAt;
        var index = (int)(elapsed.Ticks / PhaseDuration.Ticks);
        var percentage = (int)(elapsed.Ticks * 100 / total.Ticks);
        return new OperationProgress(Phases[index].Name, percentage, Phases[index].CurrentStep, index, Phases.Count);
    }
}
