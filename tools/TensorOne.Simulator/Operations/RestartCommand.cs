namespace TensorOne.Simulator.Operations;

/// <summary>A validated restart request, reduced to what changes the cluster.</summary>
internal sealed record RestartCommand(bool Immediate, bool CreateCheckpoint, bool AppliesUpdates, string? DockerImage, TimeSpan PhaseDuration, string RequestBody);
