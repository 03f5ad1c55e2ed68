using System.Management.Automation;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Disconnect-T1Account: forgets the key and endpoint Connect-T1Account set in the scope given
/// (Process by default, as Connect-T1Account's default is), or the key a -Connection object holds,
/// and releases the client that served it.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "T1Account", DefaultParameterSetName = ScopeSet)]
public sealed class DisconnectT1AccountCmdlet : PSCmdlet
{
    private const string ScopeSet = "Scope";
    private const string ConnectionSet = "Connection";

    [Parameter(ParameterSetName = ScopeSet)]
    public ConnectionScope Scope { get; set; } = ConnectionScope.Process;

    /// <summary>A connection from Connect-T1Account -PassThru: its key is forgotten, here and wherever it was stored.</summary>
    [Parameter(ParameterSetName = ConnectionSet, Mandatory = true, ValueFromPipeline = true, HelpMessage = "A connection from Connect-T1Account -PassThru; its key is forgotten.")]
    [Alias("DefaultProfile")]
    [ValidateNotNull]
    public T1Connection Connection { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (ParameterSetName != ConnectionSet)
        {
            return;
        }

        if (Connection.Forget() is not { } forgotten)
        {
            WriteVerbose($"The connection to {Connection.BaseUri} was disconnected already.");
            return;
        }

        var stored = ModuleSession.Disconnect(forgotten, SessionState);
        ModuleSession.Release(forgotten, SessionState);
        WriteVerbose(stored ? $"Disconnected {Connection.BaseUri}; it was also the session's connection." : $"Disconnected {Connection.BaseUri}.");
        SayWhatApplies(stored);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == ConnectionSet)
        {
            return;
        }

        var held = ModuleSession.Disconnect(Scope, SessionState);
        if (held is not null)
        {
            ModuleSession.Release(held, SessionState);
        }

        var scopeText = Scope == ConnectionScope.Process ? "the process" : "this runspace";
        WriteVerbose(held is not null ? $"Disconnected {scopeText}." : $"{char.ToUpperInvariant(scopeText[0])}{scopeText.Substring(1)} had no connection.");
        SayWhatApplies(sessionChanged: true);
    }

    /// <summary>Still connected another way: say which, so nobody believes the key is gone when it is not.</summary>
    private void SayWhatApplies(bool sessionChanged)
    {
        if (!sessionChanged)
        {
            return;
        }

        if (ModuleSession.Explicit(SessionState) is { } remaining)
        {
            var other = remaining.Scope == ConnectionScope.Runspace ? "This runspace's own connection (Connect-T1Account -Scope Runspace)" : "The process-wide connection";
            WriteWarning($"{other} to {remaining.BaseUri} is still in force; Disconnect-T1Account -Scope {remaining.Scope} clears it.");
            return;
        }

        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModuleSession.ApiKeyVariable)))
        {
            return;
        }

        try
        {
            var environment = ModuleSession.Resolve(SessionState);
            var ending = environment.ApiKey.LastFour is { } lastFour ? $" ending ****{lastFour}" : "";
            WriteWarning($"The {ModuleSession.ApiKeyVariable} environment variable still holds a {environment.ApiKey.Kind} key{ending}: the cmdlets now use it, with {environment.BaseUri}. Remove the variable to stop them.");
        }
        catch (ConnectionProblem problem)
        {
            WriteWarning($"The {ModuleSession.ApiKeyVariable} environment variable is still set, and the cmdlets now try it, but it cannot be used: {problem.Message}");
        }
    }
}
