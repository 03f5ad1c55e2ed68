using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Waiting;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Operations;
using TensorOne.PowerShell.Progress;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Wait-T1Cluster: waits until piped clusters reach the end state of their operation, with the watcher,
/// progress, timeouts and errors of Stop/Restart-T1Cluster -Wait, and writes each as it finishes. The
/// end state comes from a piped stop or restart result; for ids and Get-T1Cluster output, from -Status,
/// else from the operation the cluster shows under way.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "T1Cluster", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(T1ClusterOperation))]
public sealed class WaitT1ClusterCmdlet : TensorOneCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private const int MaxParallelReads = 8;

    private readonly List<Task> _work = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reads = new(MaxParallelReads);
    private ClusterWatcher? _watcher;
    private OperationProgressReporter? _progress;

    /// <summary>
    /// A Stop-T1Cluster or Restart-T1Cluster result, waited on for its own operation. Its set is the default
    /// one, and it is a single object: otherwise a piped result binds to -Id by property name (it has an Id
    /// too) and loses what the stop said.
    /// </summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true, HelpMessage = "A result of Stop-T1Cluster or Restart-T1Cluster to wait on.")]
    [ValidateNotNull]
    public T1ClusterOperation InputObject { get; set; } = null!;

    [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of a cluster to wait on, for example cluster_3b7e8d20. Enter one per line; an empty line ends the list.")]
    [Alias("ClusterId", "cluster_id")]
    [ClusterIdInput]
    [ValidateClusterId]
    [ArgumentCompleter(typeof(TensorOne.PowerShell.Completers.ClusterIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The state to wait for: stopped (a stop) or running (a restart).</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateSet(ClusterStatus.Stopped, ClusterStatus.Running, IgnoreCase = true)]
    public string? Status { get; set; }

    [Parameter]
    [ValidateRange(1, 60)]
    public int TimeoutMinutes { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _watcher = new ClusterWatcher(Client, Cancellation);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            var operation = InputObject;
            if (!Enum.TryParse<ClusterOperationKind>(operation.Operation, ignoreCase: true, out var kind) || !Enum.IsDefined(typeof(ClusterOperationKind), kind))
            {
                WriteError(ErrorRecords.InvalidArgument("TensorOne.UnknownOperation", $"The result for cluster '{operation.Id}' names no stop or restart (Operation '{operation.Operation}'); pipe its id with -Status instead.", operation.Id));
            }
            else if (ClusterId.Explain(operation.Id) is { } problem)
            {
                // A result built by hand is not bound through -Id's validation: the same check, before any request.
                WriteError(ErrorRecords.InvalidArgument("TensorOne.InvalidClusterId", problem, operation.Id));
            }
            else if (TryTrack(operation.Id, kind))
            {
                var result = operation.Clone();
                _work.Add(RunWorkerFor(operation.Id, "its wait", () => OperationWait.RunAsync(this, _watcher!, _progress!, result, kind, TimeoutFor(kind))));
            }
        }
        else
        {
            ClusterOperationKind? named = Status is null ? null : EndStateKind(Status);
            foreach (var id in Id)
            {
                if (TryTrack(id, named))
                {
                    _work.Add(RunWorkerFor(id, "its wait", () => WaitOnIdAsync(id, named)));
                }
            }
        }

        DrainPump();
        _progress?.Flush();
    }

    protected override void EndProcessing()
    {
        WaitPumping(Task.WhenAll(_work), () => _progress?.Flush());
        _progress?.Complete();
        if (_watcher is { } watcher && _work.Count > 0)
        {
            WriteVerbose($"Waited on {(_work.Count == 1 ? "1 cluster" : _work.Count + " clusters")} with {watcher.Reads} reads.");
        }
    }

    private static ClusterOperationKind EndStateKind(string status) =>
        string.Equals(status, ClusterStatus.Stopped, StringComparison.OrdinalIgnoreCase) ? ClusterOperationKind.Stop : ClusterOperationKind.Restart;

    private TimeSpan TimeoutFor(ClusterOperationKind kind) =>
        TimeSpan.FromMinutes(MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutMinutes)) ? TimeoutMinutes : OperationWords.DefaultTimeoutMinutes(kind));

    /// <summary>Dedupes the input and opens the progress bars, whose words follow the first operation seen (pipeline thread).</summary>
    private bool TryTrack(string id, ClusterOperationKind? kind)
    {
        if (!_seen.Add(id))
        {
            WriteWarning($"Cluster '{id}' appears more than once in the input; it is waited on once.");
            return false;
        }

        _progress ??= kind is { } k
            ? new OperationProgressReporter(this, OperationWords.Activity(k), OperationWords.EndStatus(k), HostIsInteractive())
            : new OperationProgressReporter(this, "Waiting for", "done", HostIsInteractive());
        _progress.Add(id, null);
        return true;
    }

    /// <summary>
    /// A bare id: one read tells what it is doing. Its end state is -Status, else the operation the
    /// cluster shows under way. A cluster already in the state -Status names is done at once; one at
    /// rest in another state, with nothing under way, is refused at once: waiting would only run out
    /// of time.
    /// </summary>
    private async Task WaitOnIdAsync(string id, ClusterOperationKind? named)
    {
        ClusterInfo cluster;
        await _reads.WaitAsync(Cancellation).ConfigureAwait(false);
        try
        {
            cluster = await Client.GetClusterAsync(id, includeDetails: false, Cancellation).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException failure)
        {
            _progress!.Finish(id, false, "failed: " + failure.ApiMessage);
            Pump.Post(() => WriteFailure(failure, id));
            return;
        }
        finally
        {
            _reads.Release();
        }

        var underWay = InferKind(cluster.Status);
        if ((named ?? underWay) is not { } kind)
        {
            Refuse(id, cluster, $"Cluster '{id}' is {cluster.Status ?? "in an unknown state"} with no stop or restart under way, so there is no end state to wait for. Name it with -Status stopped or -Status running.", "TensorOne.EndStateUnknown");
            return;
        }

        var result = new T1ClusterOperation { Id = id, Operation = kind.ToString(), RequestId = cluster.RequestId };
        result.Update(cluster);
        if (named is not null && underWay is null)
        {
            if (result.Completed)
            {
                _progress!.Finish(id, true, "already " + cluster.Status);
                result.Note = $"Already {cluster.Status} when asked; nothing was under way.";
                Pump.Post(() => WriteObject(result));
            }
            else
            {
                var target = kind == ClusterOperationKind.Stop ? ClusterStatus.Stopped : ClusterStatus.Running;
                var how = kind == ClusterOperationKind.Stop ? $"Stop-T1Cluster {id} -Wait" : $"Restart-T1Cluster {id} -Wait";
                Refuse(id, cluster, $"Cluster '{id}' is {cluster.Status ?? "in an unknown state"} with no stop or restart under way, so it will not become {target} by waiting. To make it {target}, run {how}.", "TensorOne.NothingToWaitFor");
            }

            return;
        }

        await OperationWait.RunAsync(this, _watcher!, _progress!, result, kind, TimeoutFor(kind)).ConfigureAwait(false);
    }

    private void Refuse(string id, ClusterInfo cluster, string message, string errorId)
    {
        _progress!.Finish(id, false, $"no operation under way ({cluster.Status ?? "status unknown"})");
        Pump.Post(() => WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, id)));
    }

    private static ClusterOperationKind? InferKind(string? status) => status?.ToLowerInvariant() switch
    {
        ClusterStatus.Stopping => ClusterOperationKind.Stop,
        ClusterStatus.Restarting or ClusterStatus.Starting or ClusterStatus.Pending => ClusterOperationKind.Restart,
        _ => null,
    };
}
