namespace TensorOne.Client.Models;

/// <summary>The API's <c>stop_progress</c> / <c>restart_progress</c>.</summary>
public sealed class OperationProgress
{
    public string? Phase { get; init; }

    public int? Percentage { get; init; }

    public string? CurrentStep { get; init; }

    public int? StepsCompleted { get; init; }

    public int? TotalSteps { get; init; }
}
