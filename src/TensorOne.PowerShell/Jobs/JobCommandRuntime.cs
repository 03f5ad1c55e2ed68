using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace TensorOne.PowerShell.Jobs;

/// <summary>
/// Where a cmdlet writes once it runs as a job: the job's own streams, as Az's long-running-operation
/// jobs do. Confirmation happened before the job started, on the pipeline thread, so nothing prompts.
/// Verbose and Debug keep the preferences the command was started with.
/// </summary>
internal sealed class JobCommandRuntime(Job job, PSHost host, bool verbose, bool debug) : ICommandRuntime2
{
    private readonly Job _job = job;
    private readonly PSHost _host = host;
    private readonly bool _verbose = verbose;
    private readonly bool _debug = debug;

    public PSHost Host => _host;

    public PSTransactionContext CurrentPSTransaction => null!;

    public void WriteObject(object sendToPipeline) => _job.Output.Add(PSObject.AsPSObject(sendToPipeline));

    public void WriteObject(object sendToPipeline, bool enumerateCollection)
    {
        if (enumerateCollection && sendToPipeline is IEnumerable items and not string)
        {
            foreach (var item in items)
            {
                WriteObject(item);
            }

            return;
        }

        WriteObject(sendToPipeline);
    }

    public void WriteError(ErrorRecord errorRecord) => _job.Error.Add(errorRecord);

    public void WriteWarning(string text) => _job.Warning.Add(new WarningRecord(text));

    public void WriteVerbose(string text)
    {
        if (_verbose)
        {
            _job.Verbose.Add(new VerboseRecord(text));
        }
    }

    public void WriteDebug(string text)
    {
        if (_debug)
        {
            _job.Debug.Add(new DebugRecord(text));
        }
    }

    public void WriteProgress(ProgressRecord progressRecord) => _job.Progress.Add(progressRecord);

    public void WriteProgress(long sourceId, ProgressRecord progressRecord) => _job.Progress.Add(progressRecord);

    public void WriteInformation(InformationRecord informationRecord) => _job.Information.Add(informationRecord);

    public void WriteCommandDetail(string text)
    {
    }

    public bool ShouldProcess(string target) => true;

    public bool ShouldProcess(string target, string action) => true;

    public bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) => true;

    public bool ShouldProcess(string verboseDescription, string verboseWarning, string caption, out ShouldProcessReason shouldProcessReason)
    {
        shouldProcessReason = ShouldProcessReason.None;
        return true;
    }

    public bool ShouldContinue(string query, string caption) => false;

    public bool ShouldContinue(string query, string caption, ref bool yesToAll, ref bool noToAll) => false;

    public bool ShouldContinue(string query, string caption, bool hasSecurityImpact, ref bool yesToAll, ref bool noToAll) => false;

    public bool TransactionAvailable() => false;

    /// <summary>Records the error on the job and unwinds the job's thread; the job ends Failed.</summary>
    public void ThrowTerminatingError(ErrorRecord errorRecord)
    {
        _job.Error.Add(errorRecord);
        throw new JobTerminatedException(errorRecord);
    }
}
