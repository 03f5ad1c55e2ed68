using System.Collections;
using System.Management.Automation;

namespace TensorOne.PowerShell.Input;

/// <summary>
/// The reason sent when the caller gives none: enough for an audit log to say who stopped what from
/// where, including the Azure Automation job when the command runs in one.
/// </summary>
internal static class AuditReason
{
    public static string For(PSCmdlet cmdlet)
    {
        var user = SafeRead(() => Environment.UserName) ?? "unknown user";
        var host = SafeRead(() => Environment.MachineName) ?? "unknown host";
        var reason = $"{cmdlet.MyInvocation.MyCommand.Name} by {user} on {host}";
        return AutomationJobId(cmdlet) is { } job ? $"{reason} (Azure Automation job {job})" : reason;
    }

    private static string? AutomationJobId(PSCmdlet cmdlet)
    {
        // Azure Automation sets $PSPrivateMetadata.JobId in every job's runspace.
        var metadata = cmdlet.GetVariableValue("PSPrivateMetadata");
        var table = (metadata as PSObject)?.BaseObject as IDictionary ?? metadata as IDictionary;
        var job = table?["JobId"];
        job = job is PSObject wrapped ? wrapped.BaseObject : job;
        return job switch
        {
            Guid g => g.ToString(),
            string s when s.Length > 0 => s,
            _ => null,
        };
    }

    private static string? SafeRead(Func<string> read)
    {
        try
        {
            var value = read();
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
        catch (Exception ex) when (ex is InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }
    }
}
