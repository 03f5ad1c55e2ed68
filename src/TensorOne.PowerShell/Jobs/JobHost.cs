using System.Management.Automation;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Jobs;

/// <summary>
/// -AsJob, Az's way: the items are confirmed on the pipeline thread as usual, then the command's own
/// machinery runs on a job's thread, writing to the job's streams instead of the pipeline. The job
/// goes into the session's job table, so the job cmdlets work, on Windows PowerShell 5.1 as on 7.
/// </summary>
internal sealed class JobHost
{
    private readonly ClusterOperationCmdlet _cmdlet;
    private readonly List<Func<Task>> _deferred = new();
    private bool _runningInJob;

    public JobHost(ClusterOperationCmdlet cmdlet) => _cmdlet = cmdlet;

    /// <summary>Whether the command body is running on the job's thread now.</summary>
    public bool RunningInJob => _runningInJob;

    /// <summary>Work kept for the job: started on its thread, not on the pipeline's.</summary>
    public bool HasDeferredWork => _deferred.Count > 0;

    public void Defer(Func<Task> work) => _deferred.Add(work);

    /// <summary>
    /// Hands the invocation to a job and writes the job (pipeline thread, EndProcessing). On the job's
    /// thread, <paramref name="run"/> starts each deferred worker and <paramref name="end"/> runs the
    /// command's end again, there.
    /// </summary>
    public void Start(IReadOnlyCollection<string> seen, Action<Func<Task>> run, Action end)
    {
        T1ClusterOperationJob job = null!;
        job = new T1ClusterOperationJob(_cmdlet.MyInvocation.MyCommand.Name, JobName(seen), () => StopFromJob(job));
        var runtime = new JobCommandRuntime(job, _cmdlet.Host, _cmdlet.IsEnabled("Verbose", "VerbosePreference"), _cmdlet.IsEnabled("Debug", "DebugPreference"));
        _cmdlet.HandToJob();
        _cmdlet.JobRepository.Add(job);

        // Started before it is written: what comes after us in the pipeline may stop it (Select-Object
        // -First 1) or wait on the job inside WriteObject, and a job that never started would hang
        // Wait-Job and Stop-Job. The job thread swaps CommandRuntime, so the job is written through
        // the pipeline's own runtime, kept here.
        var pipelineRuntime = _cmdlet.CommandRuntime;
        job.Start(
            () =>
            {
                _cmdlet.CommandRuntime = runtime;
                _runningInJob = true;
                foreach (var work in _deferred)
                {
                    run(work);
                }

                end();
            },
            _cmdlet.ReleaseAfterJob);
        pipelineRuntime.WriteObject(job);
    }

    /// <summary>"Stop-T1Cluster cluster_3b7e8d20", or "Stop-T1Cluster (3 clusters)": Get-Job tells jobs apart by it.</summary>
    private string JobName(IReadOnlyCollection<string> seen)
    {
        var command = _cmdlet.MyInvocation.MyCommand.Name;
        return seen.Count == 1 && _deferred.Count == 1
            ? command + " " + seen.First()
            : command + " (" + OperationWords.Count(_deferred.Count, "cluster", "clusters") + ")";
    }

    private void StopFromJob(Job job)
    {
        // Counted and said before cancelling: cancelled workers leave at once and take the count with them,
        // and the job may then end and close its streams before a warning written after could reach them.
        var inFlight = _cmdlet.InFlight;
        if (inFlight > 0)
        {
            job.Warning.Add(new WarningRecord(OperationWords.CancelledNotice(_cmdlet.Kind, inFlight)));
        }

        _cmdlet.CancelAsStopped();
    }
}
