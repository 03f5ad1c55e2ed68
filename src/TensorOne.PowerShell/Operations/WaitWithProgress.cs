using System.Globalization;
using System.Management.Automation;
using TensorOne.Client.Waiting;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Progress;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Operations;

/// <summary>
/// -Wait for a batch of stops or restarts: each answered request is handed to one watcher that polls
/// every cluster together, and the progress reporter shows the batch as it goes.
/// </summary>
internal sealed class WaitWithProgress
{
    private readonly ClusterOperationCmdlet _cmdlet;
    private readonly ClusterWatcher _watcher;

    private WaitWithProgress(ClusterOperationCmdlet cmdlet, ClusterWatcher watcher, OperationProgressReporter progress)
    {
        _cmdlet = cmdlet;
        _watcher = watcher;
        Progress = progress;
    }

    public OperationProgressReporter Progress { get; }

    /// <summary>Starts the watcher and the progress bars (pipeline thread, BeginProcessing): a job's progress is never drawn on a console.</summary>
    public static WaitWithProgress Start(ClusterOperationCmdlet cmdlet)
    {
        var watcher = new ClusterWatcher(cmdlet.Client, cmdlet.Cancellation);
        var interactive = !cmdlet.AsJob && cmdlet.HostIsInteractive();
        var progress = new OperationProgressReporter(cmdlet, OperationWords.Activity(cmdlet.Kind), OperationWords.EndStatus(cmdlet.Kind), interactive, interactive ? OperationProgressReporter.ChildBarsFor(WindowHeight(cmdlet)) : int.MaxValue);
        return new WaitWithProgress(cmdlet, watcher, progress);
    }

    /// <summary>Waits on the cluster of an answered request (worker thread); its request's own time counts against -TimeoutMinutes.</summary>
    public Task WaitForAsync(T1ClusterOperation result, DateTimeOffset started) =>
        OperationWait.RunAsync(_cmdlet, _watcher, Progress, result, _cmdlet.Kind, _cmdlet.WaitBudget, started);

    /// <summary>What the wait cost, on the Verbose stream (pipeline thread, at the end).</summary>
    public void SayReads(int clusters) =>
        _cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Waited on {0} with {1} reads in {2} polling rounds.", clusters == 1 ? "1 cluster" : clusters + " clusters", _watcher.Reads, _watcher.Rounds));

    private static int WindowHeight(PSCmdlet cmdlet)
    {
        try
        {
            return cmdlet.Host.UI.RawUI.WindowSize.Height is > 0 and var height ? height : 24;
        }
        catch (Exception ex) when (ex is NotImplementedException or NotSupportedException or InvalidOperationException or IOException or PSInvalidOperationException)
        {
            return 24;
        }
    }
}
