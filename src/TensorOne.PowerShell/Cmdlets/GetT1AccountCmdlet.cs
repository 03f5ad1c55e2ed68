using System.Management.Automation;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Get-T1Account: the connection the cmdlets would use now (this runspace's own, else the process's,
/// else the environment's), never the key. Like Get-AzContext, it writes nothing when there is none.
/// It sends no request: the rate-limit budget is the one the API last reported to this key.
/// </summary>
[Cmdlet(VerbsCommon.Get, "T1Account")]
[OutputType(typeof(T1Account))]
public sealed class GetT1AccountCmdlet : PSCmdlet
{
    /// <summary>A connection from Connect-T1Account -PassThru, to show instead of the session's.</summary>
    [Parameter(ValueFromPipeline = true)]
    [Alias("DefaultProfile")]
    [ValidateNotNull]
    public T1Connection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        if (Connection is null)
        {
            return;
        }

        try
        {
            var connection = PerCall.Resolve(Connection);
            WriteObject(T1Account.From(connection, ModuleSession.ExistingClientFor(connection)));
        }
        catch (ConnectionProblem problem)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(problem.Message), problem.ErrorId, problem.Category, Connection));
        }
    }

    protected override void EndProcessing()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Connection)) || Connection is not null)
        {
            return;
        }

        SessionConnection connection;
        try
        {
            connection = ModuleSession.Resolve(SessionState);
        }
        catch (ConnectionProblem problem) when (problem.ErrorId == "TensorOne.NoApiKey")
        {
            WriteVerbose("Not connected: no Connect-T1Account in this process or runspace, and no " + ModuleSession.ApiKeyVariable + " environment variable.");
            return;
        }
        catch (ConnectionProblem problem)
        {
            // The environment names a key or endpoint that cannot be used: that is worth an error, not silence.
            WriteError(new ErrorRecord(new InvalidOperationException(problem.Message), problem.ErrorId, problem.Category, null));
            return;
        }

        WriteObject(T1Account.From(connection, ModuleSession.ExistingClientFor(connection)));
    }
}
