namespace TensorOne.Simulator.Operations;

/// <summary>A validated stop request, reduced to what changes the cluster.</summary>
internal sealed record StopCommand(bool Immediate, string? SnapshotId, TimeSpan PhaseDuration, string RequestBody);
