using System.Management.Automation;
using TensorOne.PowerShell.Jobs;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// -AsJob, Az's way: the items are confirmed on the pipeline thread as usual, then the command's own
/// machinery runs on a job's thread, writing to the job's streams instead of the pipeline. The job
/// goes into the session's job table, so the job cmdlets work, on Windows PowerShell 5.1 as on 7.
/// </summary>
public abstract partial class ClusterOperationCmdlet
{
    private readonly List<Func<Task>> _deferred = new();

    /// <summary>Returns a job at once and runs the requests (and -Wait) in it. Stop-Job cancels as Ctrl+C does.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    internal bool RunningInJob { get; private set; }

    private bool HasDeferredWork => _deferred.Count > 0;

    private void Defer(Func<Task> work) => _deferred.Add(work);

    private void StartJob()
    {
        T1ClusterOperationJob job = null!;
        job = new T1ClusterOperationJob(MyInvocation.MyCommand.Name, JobName(), () => StopFromJob(job));
        var runtime = new JobCommandRuntime(job, Host, IsEnabled("Verbose", "VerbosePreference"), IsEnabled("Debug", "DebugPreference"));
        HandToJob();
        JobRepository.Add(job);

        // Started before it is written: what comes after us in the pipeline may stop it (Select-Object
        // -First 1) or wait on the job inside WriteObject, and a job that never started would hang
        // Wait-Job and Stop-Job. The job thread swaps CommandRuntime, so the job is written through
        // the pipeline's own runtime, kept here.
        var pipelineRuntime = CommandRuntime;
        job.Start(
            () =>
            {
                CommandRuntime = runtime;
                RunningInJob = true;
                foreach (var work in _deferred)
                {
                    AddWork(RunWorker(work));
                }

                EndProcessing();
            },
            ReleaseAfterJob);
        pipelineRuntime.WriteObject(job);
    }

    /// <summary>"Stop-T1Cluster cluster_3b7e8d20", or "Stop-T1Cluster (3 clusters)": Get-Job tells jobs apart by it.</summary>
    private string JobName()
    {
        var command = MyInvocation.MyCommand.Name;
        return _seen.Count == 1 && _deferred.Count == 1
            ? command + " " + _seen.First()
            : command + " (" + OperationWords.Count(_deferred.Count, "cluster", "clusters") + ")";
    }

    private void StopFromJob(Job job)
    {
        // Counted and said before cancelling: cancelled workers leave at once and take the count with them,
        // and the job may then end and close its streams before a warning written after could reach them.
        var inFlight = InFlight;
        if (inFlight > 0)
        {
            job.Warning.Add(new WarningRecord(OperationWords.CancelledNotice(Kind, inFlight)));
        }

        CancelAsStopped();
    }
}
