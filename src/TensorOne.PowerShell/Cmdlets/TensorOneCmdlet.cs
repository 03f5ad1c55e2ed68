using System.Management.Automation;
using TensorOne.Client;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Pipeline;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// What every API cmdlet shares: the session's client, a cancellation source that Ctrl+C
/// (StopProcessing) trips, and the pump that brings worker-thread output back to the pipeline thread.
/// </summary>
public abstract class TensorOneCmdlet : PSCmdlet, IDisposable
{
    private readonly InvocationScope _scope = new();
    private TensorOneClient? _client;
    private ClientLease? _lease;
    private int _authenticationFailed;
    private ErrorRecord? _keyRejected;
    private bool _handedToJob;

    internal PipelinePump Pump => _scope.Pump;

    /// <summary>A connection for this call only (Connect-T1Account -PassThru), instead of the session's.</summary>
    [Parameter]
    [Alias("DefaultProfile")]
    [ValidateNotNull]
    public T1Connection? Connection { get; set; }

    internal CancellationToken Cancellation => _scope.Cancellation;

    /// <summary>Cancelled once no new request may go out (a rejected key); requests already sent go on and report.</summary>
    internal CancellationToken Sending => _scope.Sending;

    /// <summary>The invocation is stopping (Ctrl+C, a consumer downstream that has enough, Stop-Job): nothing more is written.</summary>
    internal bool IsStopping => _scope.IsStopping;

    internal TensorOneClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not resolved the client.");

    /// <summary>Routes the shared client's diagnostics for this invocation to its Verbose and Debug streams.</summary>
    internal Action<ClientLogLevel, string> LogSink { get; private set; } = static (_, _) => { };

    public void Dispose()
    {
        // A job runs on after the pipeline that started it ends; it releases these when it is done.
        if (!_handedToJob)
        {
            Release();
        }
    }

    /// <summary>From now on a job owns this invocation's resources (-AsJob).</summary>
    internal void HandToJob() => _handedToJob = true;

    internal void ReleaseAfterJob() => Release();

    /// <summary>Stop-Job: cancels as Ctrl+C does (any thread); harmless once the job released its scope.</summary>
    internal void CancelAsStopped() => _scope.Stop();

    // Cancels, waits a bounded time for the workers, observes their faults, then disposes; the client lease goes last.
    private void Release()
    {
        _scope.Dispose();
        _lease?.Dispose();
    }

    protected override void BeginProcessing()
    {
        _scope.FollowHostStop(this);
        try
        {
            // Held until this invocation (or its job) ends, so no other runspace's Remove-Module or Disconnect disposes it mid-request.
            _lease = ModuleSession.Lease(Connection is null ? ModuleSession.Resolve(SessionState) : PerCall.Resolve(Connection));
            _client = _lease.Client;
        }
        catch (ConnectionProblem problem)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(problem.Message), problem.ErrorId, problem.Category, null));
        }

        var debug = IsEnabled("Debug", "DebugPreference");
        var verbose = IsEnabled("Verbose", "VerbosePreference");
        LogSink = (level, message) =>
        {
            if (level == ClientLogLevel.Debug && debug)
            {
                Pump.Post(() => WriteDebug(message));
            }
            else if (level == ClientLogLevel.Verbose && verbose)
            {
                Pump.Post(() => WriteVerbose(message));
            }
        };
    }

    protected override void StopProcessing() => _scope.Stop();

    /// <summary>Cancels every request of this invocation still to come or in flight (any thread).</summary>
    internal void AbandonWork() => _scope.Abandon();

    /// <summary>No new request of this invocation goes out; those already sent finish and report (any thread).</summary>
    internal void CloseSending() => _scope.CloseSending();

    /// <summary>Writes what the workers posted so far; a consumer downstream that has enough stops the scope.</summary>
    internal void DrainPump() => _scope.Drain();

    /// <summary>Starts async work on the thread pool with this invocation's log routing.</summary>
    internal Task RunWorker(Func<Task> work)
    {
        var sink = LogSink;
        return _scope.Run(work, () => ClientLogRouter.Current = sink);
    }

    /// <summary>
    /// A reader's worker for one cluster: a fault nobody expected becomes one error record for that
    /// cluster, and the others go on. Cancellation says nothing: the invocation is ending.
    /// </summary>
    internal Task RunWorkerFor(string? clusterId, string doing, Func<Task> work) => RunWorker(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception fault) when (fault is not OperationCanceledException)
        {
            var record = WorkerFaults.ForRead(fault, clusterId, doing);
            Pump.Post(() => WriteError(record));
        }
    });

    /// <summary>
    /// Blocks the pipeline thread until <paramref name="work"/> ends, writing what it posts meanwhile.
    /// Expected failures became error records in the workers; anything else is a bug worth surfacing, with its stack.
    /// </summary>
    internal void WaitPumping(Task work, Action? idle = null, TimeSpan? idleInterval = null) =>
        _scope.RunUntil(work, idle, idleInterval ?? TimeSpan.FromMilliseconds(100));

    /// <summary>Clusters whose requests of this command are on the wire now, other than <paramref name="clusterId"/> (none for commands that only read).</summary>
    internal virtual IReadOnlyList<string> RequestsSentOtherThan(string? clusterId) => Array.Empty<string>();

    /// <summary>
    /// Whether a rejected key lets the requests already sent finish and report before the command ends
    /// (writes: a committed stop must never go unreported); readers end at once.
    /// </summary>
    internal virtual bool FinishesSentRequestsOnRejectedKey => false;

    /// <summary>
    /// A per-item failure becomes a non-terminating error; a rejected key stops the whole command
    /// (every further item would fail alike), once, with no retry: at once for reads, and for writes
    /// once every request already sent has answered and every cluster has its record.
    /// </summary>
    internal void WriteFailure(TensorOneRequestFailedException failure, object? target)
    {
        var record = ErrorRecords.FromFailure(failure, target);
        if (failure.IsAuthenticationFailure && FinishesSentRequestsOnRejectedKey)
        {
            CloseSending();
            if (Interlocked.CompareExchange(ref _keyRejected, record, null) is null)
            {
                var onTheWire = RequestsSentOtherThan(target as string);
                if (onTheWire.Count > 0)
                {
                    WriteWarning($"The API rejected the key: no more requests are sent. {Clusters(onTheWire)} already sent, and each is reported as it ends; check them with Get-T1Cluster.");
                }

                // This cluster's record ends the command, at its end (ThrowIfKeyRejected).
                return;
            }

            WriteError(record);
            return;
        }

        if (failure.IsAuthenticationFailure)
        {
            // Counted before cancelling, as Ctrl+C does: requests already on the wire may take effect.
            var sentElsewhere = RequestsSentOtherThan(target as string);
            AbandonWork();
            if (Interlocked.Exchange(ref _authenticationFailed, 1) == 0)
            {
                if (sentElsewhere.Count > 0)
                {
                    WriteWarning($"The API rejected the key. {Clusters(sentElsewhere)} already sent and may go on on the server; check them with Get-T1Cluster.");
                }

                ThrowTerminatingError(record);
            }

            return;
        }

        WriteError(record);
    }

    /// <summary>Ends the command with the rejected key's record, if a write met one (pipeline thread, at the end).</summary>
    internal void ThrowIfKeyRejected(string? addendum = null)
    {
        if (Volatile.Read(ref _keyRejected) is { } record)
        {
            if (addendum is not null)
            {
                record.ErrorDetails = new ErrorDetails((record.ErrorDetails?.Message ?? record.Exception.Message) + " " + addendum)
                {
                    RecommendedAction = record.ErrorDetails?.RecommendedAction,
                };
            }

            ThrowTerminatingError(record);
        }
    }

    private static string Clusters(IReadOnlyList<string> ids)
    {
        const int Named = 10;
        var names = string.Join(", ", ids.Take(Named)) + (ids.Count > Named ? $" and {ids.Count - Named} more" : "");
        return ids.Count == 1 ? $"The request for {names} was" : $"The requests for {ids.Count} clusters ({names}) were";
    }

    /// <summary>Runbooks, scheduled tasks, jobs and redirected output get phase-change progress and Verbose milestones instead.</summary>
    internal bool HostIsInteractive()
    {
        var name = Host?.Name ?? "";
        var consoleHost = name is "ConsoleHost" or "Visual Studio Code Host";
        try
        {
            return consoleHost && !Console.IsOutputRedirected;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A switch as given, else its preference variable ($WhatIfPreference is a bool, not an ActionPreference).</summary>
    internal bool IsSwitchOn(string switchName, string? preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(switchName, out var value))
        {
            return LanguagePrimitives.IsTrue(value);
        }

        return preferenceVariable is not null && LanguagePrimitives.IsTrue(GetVariableValue(preferenceVariable));
    }

    internal bool IsEnabled(string switchName, string preferenceVariable) =>
        DetailPreference.Writes(
            switchName,
            MyInvocation.BoundParameters.TryGetValue(switchName, out var value) ? value : null,
            GetVariableValue(preferenceVariable));
}
