using System.Management.Automation;

namespace TensorOne.PowerShell.Session;

/// <summary>Why no request can be sent at all: these stop every item alike, so they terminate.</summary>
internal sealed class ConnectionProblem : Exception
{
    public ConnectionProblem(string errorId, string message, ErrorCategory category)
        : base(message)
    {
        ErrorId = errorId;
        Category = category;
    }

    public string ErrorId { get; }

    public ErrorCategory Category { get; }
}
