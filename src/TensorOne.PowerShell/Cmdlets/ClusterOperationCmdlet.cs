using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Jobs;
using TensorOne.PowerShell.Operations;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// The shape Stop-T1Cluster and Restart-T1Cluster share. Input is confirmed item by item on the
/// pipeline thread (<see cref="ConfirmationPlanner"/>); the requests run concurrently, at most
/// -ThrottleLimit at once (<see cref="BatchSender"/>); with -Wait one watcher polls every cluster
/// together (<see cref="WaitWithProgress"/>); results are written as each cluster finishes; -AsJob
/// runs all of it in a job (<see cref="JobHost"/>). This class only wires them together.
/// </summary>
public abstract class ClusterOperationCmdlet : TensorOneCmdlet
{
    private readonly List<Task> _work = new();
    private readonly ConfirmationPlanner _planner;
    private readonly JobHost _job;
    private BatchSender? _sender;
    private WaitWithProgress? _wait;

    protected ClusterOperationCmdlet()
    {
        _planner = new ConfirmationPlanner(this, Start);
        _job = new JobHost(this);
    }

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

    /// <summary>Returns a job at once and runs the requests (and -Wait) in it. Stop-Job cancels as Ctrl+C does.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

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

    /// <summary>
    /// Fills in what this command asked of the cluster when the answer does not echo it (the API's
    /// bare cluster shape echoes nothing of the request); any thread.
    /// </summary>
    internal virtual T1ClusterOperation WithWhatWasAsked(T1ClusterOperation result) => result;

    /// <summary>Requests on the wire now (any thread).</summary>
    internal int InFlight => _sender?.InFlight ?? 0;

    internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>The whole time -Wait allows (-TimeoutMinutes, else the operation's default).</summary>
    internal TimeSpan WaitBudget => TimeSpan.FromMinutes(IsBound(nameof(TimeoutMinutes)) ? TimeoutMinutes : OperationWords.DefaultTimeoutMinutes(Kind));

    /// <summary>
    /// The client-side deadline of one request: with -Wait, -TimeoutMinutes bounds everything, the
    /// request included, so the request gets no more than that; otherwise the client's default.
    /// </summary>
    internal TimeSpan? RequestTimeout => Wait && WaitBudget < Client.OperationTimeout ? WaitBudget : null;

    internal override IReadOnlyList<string> RequestsSentOtherThan(string? clusterId) => _sender?.SentOtherThan(clusterId) ?? Array.Empty<string>();

    internal override bool FinishesSentRequestsOnRejectedKey => true;

    /// <summary>Called by the client once a cluster's request has been handed to the network: from then on it may act on the server.</summary>
    internal Action RequestSentFor(string clusterId) => Sender.RequestSentFor(clusterId);

    /// <summary>The part of a ShouldProcess action both operations share: how the running processes are ended.</summary>
    internal List<string> DescribeShutdown(string operation) => _planner.DescribeShutdown(operation);

    private BatchSender Sender => _sender ?? throw new InvalidOperationException("BeginProcessing has not started the batch.");

    protected override void BeginProcessing()
    {
        ValidateParameters();
        base.BeginProcessing();
        _planner.Begin();
        var first = new FirstRequestAlone(Cancellation);
        _wait = Wait ? WaitWithProgress.Start(this) : null;
        _sender = new BatchSender(this, first, _wait);
    }

    protected override void ProcessRecord()
    {
        _planner.Accept(Id);
        if (AsJob)
        {
            // The job writes everything, progress included, once it runs.
            return;
        }

        DrainPump();

        // Not before the input shows a batch: a first cluster drawn alone would take the bar the batch needs.
        if (_work.Count > 1)
        {
            _wait?.Progress.Flush();
        }
    }

    protected override void EndProcessing()
    {
        // Confirmed on the pipeline thread, before a job takes the work.
        _planner.ConfirmPendingTargets();

        // With -AsJob this runs twice: here it hands the work to a job; the job runs it again, on its thread.
        if (AsJob && !_job.RunningInJob)
        {
            _job.Start(_planner.Seen, work => _work.Add(RunWorker(work)), EndProcessing);
            return;
        }

        Sender.SayBudgetIfShort();
        WaitPumping(Task.WhenAll(_work), () => _wait?.Progress.Flush());
        _wait?.Progress.Complete();
        Sender.SumUpUnsent();
        Sender.EndIfKeyRejected();
        if (Client.LastRateLimit is { } budget && _work.Count > 0)
        {
            WriteVerbose("API rate limit: " + budget + ".");
        }

        _wait?.SayReads(_work.Count);
    }

    protected override void StopProcessing()
    {
        // Counted before cancelling: cancelled workers leave at once and would take the count with them.
        var inFlight = InFlight;
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

    /// <summary>A confirmed cluster joins the batch: its worker starts now, or in the job with -AsJob.</summary>
    private void Start(string id, Func<CancellationToken, Task<ClusterOperationResult>> send)
    {
        var first = _work.Count == 0 && !_job.HasDeferredWork;
        Sender.Queue();
        _wait?.Progress.Add(id, null);
        if (AsJob && !_job.RunningInJob)
        {
            _job.Defer(() => Sender.RunOneAsync(id, send, first));
            return;
        }

        _work.Add(RunWorker(() => Sender.RunOneAsync(id, send, first)));
    }
}
