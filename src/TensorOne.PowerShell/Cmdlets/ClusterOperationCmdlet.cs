using System.Globalization;
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
/// The shape Stop-T1Cluster and Restart-T1Cluster share. Input is confirmed item by item on the
/// pipeline thread; the requests run concurrently (at most -ThrottleLimit at once); with -Wait one
/// watcher polls every cluster together; results are written as each cluster finishes.
/// </summary>
public abstract partial class ClusterOperationCmdlet : TensorOneCmdlet
{
    // One bound for all the reads a dry run makes, however many clusters it names.
    private static readonly TimeSpan DescribeTargetTimeout = TimeSpan.FromSeconds(10);
    private const int MaxParallelDescribeReads = 8;

    private readonly List<Task> _work = new();
    // The API's ids are case-sensitive: 'Cluster_A' and 'cluster_a' are two clusters.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);
    private readonly List<PendingTarget> _pendingTargets = new();
    // The first request goes alone: a rejected key then fails one request, not a whole batch in flight.
    private readonly TaskCompletionSource<bool> _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SemaphoreSlim? _throttle;
    private ClusterWatcher? _watcher;
    private OperationProgressReporter? _progress;
    private int _inFlight;
    private int _attempted;
    private int _notSent;
    private long _notSentUntilTicks;
    private int _budgetSaid;
    private int _queued;
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
    private TimeSpan WaitBudget => TimeSpan.FromMinutes(IsBound(nameof(TimeoutMinutes)) ? TimeoutMinutes : OperationWords.DefaultTimeoutMinutes(Kind));

    /// <summary>
    /// The client-side deadline of one request: with -Wait, -TimeoutMinutes bounds everything, the
    /// request included, so the request gets no more than that; otherwise the client's default.
    /// </summary>
    internal TimeSpan? RequestTimeout => Wait && WaitBudget < Client.OperationTimeout ? WaitBudget : null;

    internal override IReadOnlyList<string> RequestsSentOtherThan(string? clusterId) => _sent.Keys.Where(k => !string.Equals(k, clusterId, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList();

    internal override bool FinishesSentRequestsOnRejectedKey => true;

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
        _describeTargets = IsSwitchOn("WhatIf", "WhatIfPreference") || ConfirmationWillAsk();
        Cancellation.Register(() => _firstAnswered.TrySetCanceled());
        if (Wait)
        {
            _watcher = new ClusterWatcher(Client, Cancellation);
            var interactive = !AsJob && HostIsInteractive();
            _progress = new OperationProgressReporter(this, OperationWords.Activity(Kind), OperationWords.EndStatus(Kind), interactive, interactive ? OperationProgressReporter.ChildBarsFor(WindowHeight()) : int.MaxValue);
        }
    }

    protected override void ProcessRecord()
    {
        var known = Id.Length == 1 ? KnownClusterState.For(Id) : null;
        foreach (var id in Id)
        {
            if (!_seen.Add(id))
            {
                // One invocation never acts on a cluster twice, even when the input names it twice.
                WriteWarning($"Cluster '{id}' appears more than once in the input; it is {OperationWords.Activity(Kind).ToLowerInvariant()} once.");
                continue;
            }

            if (_describeTargets)
            {
                // Described at the end, together: what was piped in is used as is, the rest read at once.
                _pendingTargets.Add(new PendingTarget(id, known?.Id == id ? known : null, DescribeAction(), PrepareRequest(id)));
                continue;
            }

            if (!ShouldProcess(id, DescribeAction()))
            {
                continue;
            }

            Start(id, PrepareRequest(id));
        }

        if (AsJob)
        {
            // The job writes everything, progress included, once it runs.
            return;
        }

        DrainPump();

        // Not before the input shows a batch: a first cluster drawn alone would take the bar the batch needs.
        if (_work.Count > 1)
        {
            _progress?.Flush();
        }
    }

    protected override void EndProcessing()
    {
        // Confirmed on the pipeline thread, before a job takes the work.
        if (_pendingTargets.Count > 0)
        {
            ConfirmPendingTargets();
        }

        // With -AsJob this runs twice: here it hands the work to a job; the job runs it again, on its thread.
        if (AsJob && !RunningInJob)
        {
            StartJob();
            return;
        }

        SayBudgetIfShort(Volatile.Read(ref _queued) - Volatile.Read(ref _attempted));
        WaitPumping(Task.WhenAll(_work), () => _progress?.Flush());
        _progress?.Complete();
        SumUpUnsent();
        EndIfKeyRejected();
        if (Client.LastRateLimit is { } budget && _work.Count > 0)
        {
            WriteVerbose("API rate limit: " + budget + ".");
        }

        if (_watcher is { } watcher)
        {
            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Waited on {0} with {1} reads in {2} polling rounds.", _work.Count == 1 ? "1 cluster" : _work.Count + " clusters", watcher.Reads, watcher.Rounds));
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
                Host.UI.WriteWarningLine(OperationWords.CancelledNotice(Kind, inFlight));
            }
            catch (Exception ex) when (ex is NotImplementedException or InvalidOperationException or PSInvalidOperationException)
            {
            }
        }
    }

    private void Start(string id, Func<CancellationToken, Task<ClusterOperationResult>> send)
    {
        var first = _work.Count == 0 && !HasDeferredWork;
        Interlocked.Increment(ref _queued);
        _progress?.Add(id, null);
        if (AsJob && !RunningInJob)
        {
            Defer(() => RunOneAsync(id, send, first));
            return;
        }

        _work.Add(RunWorker(() => RunOneAsync(id, send, first)));
    }

    /// <summary>
    /// -WhatIf / -Confirm: each target is described with its consequences (what the cluster is doing,
    /// what it costs). Piped cluster objects already say so; the ids alone are read concurrently, all
    /// under one bound, so a dry run over a hundred ids takes about one read's time, not a hundred.
    /// </summary>
    private void ConfirmPendingTargets()
    {
        var unknown = _pendingTargets.Where(t => t.Known is null).Select(t => t.Id).ToList();
        var descriptions = unknown.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : ReadDescriptions(unknown);
        foreach (var target in _pendingTargets)
        {
            var text = target.Known?.Describe() ?? (descriptions.TryGetValue(target.Id, out var d) ? d : target.Id);
            if (ShouldProcess(text, target.Action))
            {
                Start(target.Id, target.Send);
            }
        }

        _pendingTargets.Clear();
    }

    private Dictionary<string, string> ReadDescriptions(IReadOnlyList<string> ids)
    {
        var descriptions = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        bounded.CancelAfter(DescribeTargetTimeout);
        var throttle = new SemaphoreSlim(Math.Min(MaxParallelDescribeReads, ThrottleLimit));
        var client = Client;
        var reads = RunWorker(() => Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await throttle.WaitAsync(bounded.Token).ConfigureAwait(false);
                try
                {
                    var cluster = await client.GetClusterAsync(id, includeDetails: false, bounded.Token).ConfigureAwait(false);
                    descriptions[id] = KnownClusterState.FromRead(id, cluster.Name, cluster.Status, cluster.HourlyRate).Describe();
                }
                finally
                {
                    throttle.Release();
                }
            }
            catch (TensorOneRequestFailedException failure)
            {
                // A failed read is said, not thrown: a dry run goes on.
                descriptions[id] = $"{id} (current state unknown: {failure.ApiMessage})";
            }
            catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
            {
                descriptions[id] = $"{id} (current state unknown: no answer within {DescribeTargetTimeout.TotalSeconds:0} seconds)";
            }
        })));
        WaitPumping(reads);
        return new Dictionary<string, string>(descriptions, StringComparer.Ordinal);
    }

    private async Task SendAndWaitAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        T1ClusterOperation result;
        var started = Client.GetUtcNow();
        try
        {
            Sending.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _attempted);
            result = WithWhatWasAsked(T1ClusterOperation.From(await send(Cancellation).ConfigureAwait(false)));
        }
        catch (TensorOneRequestFailedException failure) when (failure.NotSent)
        {
            // The API's write budget had no room: this cluster's own error names the reset, and one
            // warning at the end sums up the batch.
            Interlocked.Increment(ref _notSent);
            if (failure.RetryAt is { } until)
            {
                InterlockedMax(ref _notSentUntilTicks, until.UtcTicks);
            }

            _progress?.Finish(id, false, "not sent: " + failure.ApiMessage);
            Pump.Post(() => WriteFailure(failure, id));
            return;
        }
        catch (TensorOneRequestFailedException failure)
        {
            if (failure.IsAuthenticationFailure)
            {
                // Every other cluster would be refused alike: send nothing more, and let what is on the wire answer.
                StopSending("the API rejected the key earlier in this batch");
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
                SayBudgetIfShort(Volatile.Read(ref _queued) - 1);
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

    private int WindowHeight()
    {
        try
        {
            return Host.UI.RawUI.WindowSize.Height is > 0 and var height ? height : 24;
        }
        catch (Exception ex) when (ex is NotImplementedException or NotSupportedException or InvalidOperationException or IOException or PSInvalidOperationException)
        {
            return 24;
        }
    }

    /// <summary>
    /// Whether ShouldProcess will prompt: -Confirm, or a $ConfirmPreference of Medium or Low (our
    /// ConfirmImpact is Medium), unless -Confirm:$false says otherwise.
    /// </summary>
    private bool ConfirmationWillAsk()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
        {
            return LanguagePrimitives.IsTrue(confirm);
        }

        var preference = GetVariableValue("ConfirmPreference");
        var impact = preference is PSObject wrapped ? wrapped.BaseObject : preference;
        if (impact is not ConfirmImpact level && !(impact is string text && Enum.TryParse(text, ignoreCase: true, out level)))
        {
            return false;
        }

        return level != ConfirmImpact.None && level <= ConfirmImpact.Medium;
    }

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

    private sealed class PendingTarget
    {
        public PendingTarget(string id, KnownClusterState? known, string action, Func<CancellationToken, Task<ClusterOperationResult>> send)
        {
            Id = id;
            Known = known;
            Action = action;
            Send = send;
        }

        public string Id { get; }

        public KnownClusterState? Known { get; }

        public string Action { get; }

        public Func<CancellationToken, Task<ClusterOperationResult>> Send { get; }
    }
}
