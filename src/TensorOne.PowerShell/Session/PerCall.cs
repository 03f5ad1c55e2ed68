using System.Management.Automation;

namespace TensorOne.PowerShell.Session;

/// <summary>The connection a -Connection argument stands for, or why it can no longer be used.</summary>
internal static class PerCall
{
    public static SessionConnection Resolve(T1Connection connection) =>
        connection.Session ?? throw new ConnectionProblem(
            "TensorOne.ConnectionDisconnected",
            $"The connection to {connection.BaseUri} given with -Connection was closed by Disconnect-T1Account, and its key forgotten. Run Connect-T1Account -PassThru again for a new one.",
            ErrorCategory.InvalidOperation);
}
