using System.Management.Automation;
using TensorOne.PowerShell.Jobs;

namespace TensorOne.PowerShell;

/// <summary>
/// What Stop-T1Cluster -AsJob and Restart-T1Cluster -AsJob return: a job in the session's job table
/// (Get-Job, Receive-Job, Wait-Job, Stop-Job), running the command on a thread of its own. It needs
/// neither the ThreadJob module nor a new runspace, so it works on Windows PowerShell 5.1 too.
/// </summary>
public sealed class T1ClusterOperationJob : Job
{
    private readonly Action _stop;
    private int _stopRequested;

    /// <param name="name">What Get-Job lists it as: the command and what it acts on, as Az names its jobs.</param>
    internal T1ClusterOperationJob(string command, string name, Action stop)
        : base(command, name)
    {
        _stop = stop;
        PSJobTypeName = "TensorOneJob";
    }

    public override bool HasMoreData =>
        Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Debug.Count > 0 || Progress.Count > 0 || Information.Count > 0;

    public override string Location => "localhost";

    public override string StatusMessage => "";

    /// <summary>Cancels as Ctrl+C would, and returns once the job has ended.</summary>
    public override void StopJob()
    {
        if (IsFinished(JobStateInfo.State))
        {
            return;
        }

        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            _stop();
        }

        Finished.WaitOne();
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own; <paramref name="cleanup"/> runs after it, whatever happens.</summary>
    internal void Start(Action body, Action cleanup)
    {
        SetJobState(JobState.Running);
        var thread = new Thread(() =>
        {
            var end = JobState.Completed;
            try
            {
                body();
            }
            catch (PipelineStoppedException)
            {
                end = JobState.Stopped;
            }
            catch (JobTerminatedException)
            {
                end = JobState.Failed;
            }
            catch (Exception ex)
            {
                // A bug, not an API failure: the job says so rather than dying silently.
                Error.Add(new ErrorRecord(ex, "TensorOne.JobFailed", ErrorCategory.NotSpecified, null));
                end = JobState.Failed;
            }
            finally
            {
                cleanup();
            }

            SetJobState(Volatile.Read(ref _stopRequested) == 1 && end == JobState.Completed ? JobState.Stopped : end);
        })
        {
            IsBackground = true,
            Name = "TensorOne " + Command,
        };
        thread.Start();
    }

    private static bool IsFinished(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Stopped;
}
