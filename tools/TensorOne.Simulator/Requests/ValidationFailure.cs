namespace TensorOne.Simulator.Requests;

/// <summary>Why a request was refused with 400 VALIDATION_ERROR; <see cref="Field"/> names the culprit.</summary>
internal sealed record ValidationFailure(string Field, string Reason)
{
    public string Message => $"Invalid value for '{Field}': {Reason}";
}
