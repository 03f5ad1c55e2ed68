using System.Globalization;
using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Waiting;

namespace TensorOne.PowerShell.Infrastructure;

/// <summary>
/// The shape Stop-T1Cluster and Restart-T1Cluster share. Input is confirmed item by item on the
/// pipeline thread; the requests run concurrently (at most -ThrottleLimit at once); with -Wait one
/// watcher polls every cluster together; results are written as each cluster finishes.
/// </summary>
public abstract partial class ClusterOperationCmdlet : TensorOneCmdlet
{
    private static readonly TimeSpan DescribeTargetTimeout = TimeSpan.FromSeconds(5);

    private readonly List<Task> _work = new();
    // The API's ids are case-sensitive: 'Cluster_A' and 'cluster_a' are two clusters.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);
    // The first request goes alone: a rejected key then fails one request, not a whole batch in flight.
    private readonly TaskCompletionSource<bool> _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SemaphoreSlim? _throttle;
    private ClusterWatcher? _watcher;
    private OperationProgressReporter? _progress;
    private int _inFlight;
    private bool _describeTargets;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of a cluster to act on, for example cluster_3b7e8d20 (Get-T1Cluster lists them). Enter one per line; an empty line ends the list.")]
    [Alias("ClusterId", "cluster_id")]
    [ClusterIdInput]
    [ValidateClusterId]
    [ArgumentCompleter(typeof(TensorOne.PowerShell.Completers.ClusterIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The API's <c>force</c>: no graceful shutdown. Distinct from -Force on purpose.</summary>
    [Parameter]
    public SwitchParameter Immediate { get; set; }

    [Parameter]
    [ValidateRange(0, 30)]
    public int GracePeriodMinutes { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 60)]
    public int TimeoutMinutes { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reason { get; set; }

    /// <summary>
    /// Requests in flight at once. 32 (Invoke-Command's default) sends 1,000 stops in about two seconds
    /// at 50 ms latency and leaves half of the connection pool to the watcher's reads.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 32;

    internal abstract ClusterOperationKind Kind { get; }

    /// <summary>What the API does when -TimeoutMinutes is not given, and so how long -Wait waits.</summary>
    internal abstract int DefaultTimeoutMinutes { get; }

    internal abstract string Verbing { get; }

    internal abstract string DoneWord { get; }

    /// <summary>Checks parameter combinations; throws a terminating error before any request.</summary>
    internal virtual void ValidateParameters()
    {
    }

    /// <summary>The ShouldProcess action text: what would be done, in the user's terms.</summary>
    internal abstract string DescribeAction();

    /// <summary>Captures this input object's request on the pipeline thread (parameters bound from the pipeline change per object).</summary>
    internal abstract Func<CancellationToken, Task<ClusterOperationResult>> PrepareRequest(string clusterId);

    /// <summary>Turns an API refusal that is not a failure for the user (e.g. already stopped) into a result; null otherwise.</summary>
    internal virtual Task<T1ClusterOperation?> RecoverAsync(string clusterId, TensorOneRequestFailedException failure) =>
        Task.FromResult<T1ClusterOperation?>(null);

    private int InFlight => Volatile.Read(ref _inFlight);

    private void AddWork(Task work) => _work.Add(work);

    internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>The whole time -Wait allows (-TimeoutMinutes, else the operation's default).</summary>
    private TimeSpan WaitBudget => TimeSpan.FromMinutes(IsBound(nameof(TimeoutMinutes)) ? TimeoutMinutes : DefaultTimeoutMinutes);

    /// <summary>
    /// The client-side deadline of one request: with -Wait, -TimeoutMinutes bounds everything, the
    /// request included, so the request gets no more than that; otherwise the client's default.
    /// </summary>
    internal TimeSpan? RequestTimeout => Wait && WaitBudget < Client.OperationTimeout ? WaitBudget : null;

    /// <summary>Called by the client once a cluster's request has been handed to the network: from then on it may act on the server.</summary>
    internal Action RequestSentFor(string clusterId) => () =>
    {
        if (_sent.TryAdd(clusterId, true))
        {
            Interlocked.Increment(ref _inFlight);
        }
    };

    protected override void BeginProcessing()
    {
        ValidateParameters();
        base.BeginProcessing();
        _throttle = new SemaphoreSlim(ThrottleLimit);

        // Someone reads the target text only under -WhatIf or -Confirm; only then is a read worth its request.
        _describeTargets = IsSwitchOn("WhatIf", "WhatIfPreference") || IsSwitchOn("Confirm", null);
        Cancellation.Register(() => _firstAnswered.TrySetCanceled());
        if (Wait)
        {
            _watcher = new ClusterWatcher(Client, Cancellation);
            _progress = new OperationProgressReporter(this, Verbing, DoneWord, !AsJob && HostIsInteractive());
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (!_seen.Add(id))
            {
                // One invocation never acts on a cluster twice, even when the input names it twice.
                WriteWarning($"Cluster '{id}' appears more than once in the input; it is {Verbing.ToLowerInvariant()} once.");
                continue;
            }

            if (!ShouldProcess(_describeTargets ? DescribeTarget(id) : id, DescribeAction()))
            {
                continue;
            }

            var send = PrepareRequest(id);
            var first = _work.Count == 0 && !HasDeferredWork;
            _progress?.Add(id, null);
            if (AsJob)
            {
                Defer(() => RunOneAsync(id, send, first));
                continue;
            }

            _work.Add(RunWorker(() => RunOneAsync(id, send, first)));
        }

        if (AsJob)
        {
            // The job writes everything, progress included, once it runs.
            return;
        }

        Pump.Drain();
        _progress?.Flush();
    }

    protected override void EndProcessing()
    {
        // With -AsJob this runs twice: here it hands the work to a job; the job runs it again, on its thread.
        if (AsJob && !RunningInJob)
        {
            StartJob();
            return;
        }

        WaitPumping(Task.WhenAll(_work), () => _progress?.Flush());
        _progress?.Complete();
        if (Client.LastRateLimit is { } budget && _work.Count > 0)
        {
            WriteVerbose("API rate limit: " + budget + ".");
        }

        if (_watcher is { } watcher)
        {
            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Waited on {0} with {1} reads.", _work.Count == 1 ? "1 cluster" : _work.Count + " clusters", watcher.Reads));
        }
    }

    protected override void StopProcessing()
    {
        // Counted before cancelling: cancelled workers leave at once and would take the count with them.
        var inFlight = Volatile.Read(ref _inFlight);
        base.StopProcessing();
        if (inFlight > 0)
        {
            try
            {
                // The pipeline is stopping, so the streams are closed; the host can still tell the user.
                Host.UI.WriteWarningLine($"Stopped. The {Kind.ToString().ToLowerInvariant()} requests already sent go on on the server ({inFlight} clusters); check them with Get-T1Cluster.");
            }
            catch (Exception ex) when (ex is NotImplementedException or InvalidOperationException or PSInvalidOperationException)
            {
            }
        }
    }

    /// <summary>
    /// The ShouldProcess target with its consequences: what the cluster is doing now and what it costs,
    /// so a dry run shows what the stop would save. A failed read is said, not thrown: a dry run goes on.
    /// </summary>
    private string DescribeTarget(string id)
    {
        // A dry run against an unreachable API must not sit through every retry for every cluster.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        bounded.CancelAfter(DescribeTargetTimeout);
        try
        {
            var cluster = Client.GetClusterAsync(id, includeDetails: false, bounded.Token).GetAwaiter().GetResult();
            var name = cluster.Name is { Length: > 0 } n && n != id ? $"{n} ({id})" : id;
            var rate = cluster.HourlyRate is { } r ? string.Format(CultureInfo.InvariantCulture, ", ${0:0.00}/hour", r) : "";
            return $"{name}: currently {cluster.Status ?? "in an unknown state"}{rate}";
        }
        catch (TensorOneRequestFailedException failure)
        {
            return $"{id} (current state unknown: {failure.ApiMessage})";
        }
        catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
        {
            return $"{id} (current state unknown: no answer within {DescribeTargetTimeout.TotalSeconds:0} seconds)";
        }
    }

    private async Task RunOneAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        if (!first)
        {
            await _firstAnswered.Task.ConfigureAwait(false);
            Cancellation.ThrowIfCancellationRequested();
        }

        await _throttle!.WaitAsync(Cancellation).ConfigureAwait(false);

        // Counted as in flight only once its request reached the network (RequestSentFor): a Ctrl+C warning names what may go on there.
        try
        {
            await SendAndWaitAsync(id, send, first).ConfigureAwait(false);
        }
        finally
        {
            if (_sent.TryRemove(id, out _))
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private async Task SendAndWaitAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        T1ClusterOperation result;
        var started = Client.GetUtcNow();
        try
        {
            result = T1ClusterOperation.From(await send(Cancellation).ConfigureAwait(false));
        }
        catch (TensorOneRequestFailedException failure)
        {
            if (failure.IsAuthenticationFailure)
            {
                // Every other cluster would be refused alike: send nothing more.
                AbandonWork();
            }

            var recovered = await RecoverAsync(id, failure).ConfigureAwait(false);
            if (recovered is null)
            {
                _progress?.Finish(id, false, "failed: " + failure.ApiMessage);
                Pump.Post(() => WriteFailure(failure, id));
                return;
            }

            result = recovered;
        }
        catch (ArgumentException invalid)
        {
            // The client refused the input (e.g. a configuration value it cannot send); nothing was sent.
            _progress?.Finish(id, false, "refused: " + invalid.Message);
            Pump.Post(() => WriteError(ErrorRecords.InvalidArgument("TensorOne.InvalidRequest", invalid.Message, id)));
            return;
        }
        finally
        {
            _throttle!.Release();
            if (first)
            {
                _firstAnswered.TrySetResult(true);
            }
        }

        if (_watcher is null)
        {
            Pump.Post(() => WriteObject(result));
            return;
        }

        await WaitForAsync(id, result, started).ConfigureAwait(false);
    }

    private Task WaitForAsync(string id, T1ClusterOperation result, DateTimeOffset started) =>
        OperationWait.RunAsync(this, _watcher!, _progress!, result, Kind, WaitBudget, started);

    /// <summary>The part of a ShouldProcess action both operations share: how the running processes are ended.</summary>
    internal List<string> DescribeShutdown(string operation)
    {
        var parts = new List<string> { Immediate ? $"{operation} immediately (no graceful shutdown)" : $"{operation} gracefully" };
        if (!Immediate)
        {
            parts.Add(IsBound(nameof(GracePeriodMinutes)) ? $"grace period {Minutes(GracePeriodMinutes)}" : "the API's default grace period (5 minutes)");
        }

        return parts;
    }

    internal static string Minutes(int minutes) => minutes == 1 ? "1 minute" : minutes.ToString(CultureInfo.InvariantCulture) + " minutes";
}
