using System.Management.Automation;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Disconnect-T1Account: forgets the key and endpoint Connect-T1Account set in the scope given
/// (Process by default, as Connect-T1Account's default is).
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "T1Account")]
public sealed class DisconnectT1AccountCmdlet : PSCmdlet
{
    [Parameter]
    public ConnectionScope Scope { get; set; } = ConnectionScope.Process;

    protected override void EndProcessing()
    {
        var had = ModuleSession.Disconnect(Scope, SessionState);
        var scopeText = Scope == ConnectionScope.Process ? "the process" : "this runspace";
        WriteVerbose(had ? $"Disconnected {scopeText}." : $"{char.ToUpperInvariant(scopeText[0])}{scopeText.Substring(1)} had no connection.");

        // Still connected another way: say which, so nobody believes the key is gone when it is not.
        if (ModuleSession.Explicit(SessionState) is { } remaining)
        {
            var other = remaining.Scope == ConnectionScope.Runspace ? "This runspace's own connection (Connect-T1Account -Scope Runspace)" : "The process-wide connection";
            WriteWarning($"{other} to {remaining.BaseUri} is still in force; Disconnect-T1Account -Scope {remaining.Scope} clears it.");
        }
        else if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModuleSession.ApiKeyVariable)))
        {
            WriteVerbose($"The {ModuleSession.ApiKeyVariable} environment variable is still set, so the cmdlets will use it.");
        }
    }
}
