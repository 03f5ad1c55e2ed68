using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Requests;

/// <summary>
/// The fields and checks the stop and restart bodies share. Every field is optional; a JSON null
/// counts as omitted.
/// </summary>
internal abstract class OperationRequest
{
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [JsonPropertyName("grace_period_minutes")]
    public int? GracePeriodMinutes { get; init; }

    [JsonPropertyName("timeout_minutes")]
    public int? TimeoutMinutes { get; init; }

    public bool IsImmediate => Force ?? false;

    /// <summary>An immediate operation has no grace period, whatever was asked.</summary>
    public int EffectiveGracePeriodMinutes => IsImmediate ? 0 : GracePeriodMinutes ?? 5;

    /// <summary>The shared checks first, in the order the API reports them, then the operation's own.</summary>
    public ValidationFailure? Validate()
    {
        if (GracePeriodMinutes is < 0 or > 30)
        {
            return new ValidationFailure("grace_period_minutes", "must be an integer between 0 and 30");
        }

        if (TimeoutMinutes is < 1 or > 60)
        {
            return new ValidationFailure("timeout_minutes", "must be an integer between 1 and 60");
        }

        return ValidateOwnFields();
    }

    protected abstract ValidationFailure? ValidateOwnFields();

    /// <summary>A string field that, when sent, must say something.</summary>
    protected static ValidationFailure? NotBlank(string? value, string field) =>
        value is not null && string.IsNullOrWhiteSpace(value) ? new ValidationFailure(field, "must not be empty") : null;
}
