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
    // Two sources: Ctrl+C ends everything, the pipeline wait included; abandoning the work (a rejected
    // key) cancels requests but lets the pump still write what the workers posted.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _cancellation;
    private TensorOneClient? _client;
    private ClientLease? _lease;
    private int _authenticationFailed;
    private bool _handedToJob;

    protected TensorOneCmdlet() => _cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);

    /// <summary>A connection for this call only (Connect-T1Account -PassThru), instead of the session's.</summary>
    [Parameter]
    [Alias("DefaultProfile")]
    [ValidateNotNull]
    public T1Connection? Connection { get; set; }

    internal PipelinePump Pump { get; } = new();

    internal CancellationToken Cancellation => _cancellation.Token;

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

    /// <summary>Stop-Job: cancels as Ctrl+C does (any thread).</summary>
    internal void CancelAsStopped()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job ended and released its resources between Stop-Job's check and this call: nothing to cancel.
        }
    }

    private void Release()
    {
        Pump.Dispose();
        _lease?.Dispose();
        _cancellation.Dispose();
        _stopping.Dispose();
    }

    protected override void BeginProcessing()
    {
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

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Cancels every request of this invocation still to come or in flight (any thread).</summary>
    internal void AbandonWork() => _cancellation.Cancel();

    /// <summary>Starts async work on the thread pool with this invocation's log routing.</summary>
    internal Task RunWorker(Func<Task> work)
    {
        var sink = LogSink;
        return Task.Run(() =>
        {
            ClientLogRouter.Current = sink;
            return work();
        });
    }

    /// <summary>Blocks the pipeline thread until <paramref name="work"/> ends, writing what it posts meanwhile.</summary>
    internal void WaitPumping(Task work, Action? idle = null, TimeSpan? idleInterval = null)
    {
        try
        {
            Pump.RunUntil(work, _stopping.Token, idle, idleInterval ?? TimeSpan.FromMilliseconds(100));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline.
            throw new PipelineStoppedException();
        }

        if (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        // Expected failures became error records in the workers; anything else is a bug worth surfacing.
        if (work.IsFaulted)
        {
            throw work.Exception!.GetBaseException();
        }
    }

    /// <summary>Requests of this command already on the wire, other than <paramref name="clusterId"/>'s (none for commands that only read).</summary>
    internal virtual int RequestsSentOtherThan(string? clusterId) => 0;

    /// <summary>
    /// A per-item failure becomes a non-terminating error; a rejected key stops the whole command
    /// (every further item would fail alike), once, with no retry.
    /// </summary>
    internal void WriteFailure(TensorOneRequestFailedException failure, object? target)
    {
        var record = ErrorRecords.FromFailure(failure, target);
        if (failure.IsAuthenticationFailure)
        {
            // Counted before cancelling, as Ctrl+C does: requests already on the wire may take effect.
            var sentElsewhere = RequestsSentOtherThan(target as string);
            AbandonWork();
            if (Interlocked.Exchange(ref _authenticationFailed, 1) == 0)
            {
                if (sentElsewhere > 0)
                {
                    WriteWarning($"The API rejected the key. {sentElsewhere} other requests of this command had already been sent and may go on on the server; check them with Get-T1Cluster.");
                }

                ThrowTerminatingError(record);
            }

            return;
        }

        WriteError(record);
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
