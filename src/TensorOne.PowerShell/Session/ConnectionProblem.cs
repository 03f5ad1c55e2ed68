using System.Management.Automation;

namespace TensorOne.PowerShell.Session;

/// <summary>Why no request can be sent at all: these stop every item alike, so they terminate.</summary>
internal sealed class ConnectionProblem(string errorId, string message, ErrorCategory category) : Exception(message)
{
    public string ErrorId { get; } = errorId;

    public ErrorCategory Category { get; } = category;
}
