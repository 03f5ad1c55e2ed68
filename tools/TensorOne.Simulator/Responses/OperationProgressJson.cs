using System.Text.Json.Serialization;
using TensorOne.Simulator.Operations;

namespace TensorOne.Simulator.Responses;

/// <summary>The <c>stop_progress</c> / <c>restart_progress</c> object.</summary>
internal sealed record OperationProgressJson(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("percentage")] int Percentage,
    [property: JsonPropertyName("current_step")] string CurrentStep,
    [property: JsonPropertyName("steps_completed")] int StepsCompleted,
    [property: JsonPropertyName("total_steps")] int TotalSteps)
{
    public static OperationProgressJson From(OperationProgress progress) =>
        new(progress.Phase, progress.Percentage, progress.CurrentStep, progress.StepsCompleted, progress.TotalSteps);
}
