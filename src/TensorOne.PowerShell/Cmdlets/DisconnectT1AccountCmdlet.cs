using System.Management.Automation;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>Disconnect-T1Account: forgets the key and endpoint Connect-T1Account set in this session.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "T1Account")]
public sealed class DisconnectT1AccountCmdlet : PSCmdlet
{
    protected override void EndProcessing()
    {
        ModuleSession.Disconnect();
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModuleSession.ApiKeyVariable)))
        {
            WriteVerbose($"Disconnected. The {ModuleSession.ApiKeyVariable} environment variable is still set, so the cmdlets will use it.");
        }
        else
        {
            WriteVerbose("Disconnected.");
        }
    }
}
