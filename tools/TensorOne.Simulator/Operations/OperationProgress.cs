namespace TensorOne.Simulator.Operations;

/// <summary>The <c>stop_progress</c> / <c>restart_progress</c> object at one instant.</summary>
internal sealed record OperationProgress(string Phase, int Percentage, string CurrentStep, int StepsCompleted, int TotalSteps);
