namespace TensorOne.Simulator.Operations;

/// <summary>A phase name from the reference and the sentence shown as <c>current_step</c> during it.</summary>
internal sealed record OperationPhase(string Name, string CurrentStep);
