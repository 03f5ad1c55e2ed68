using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Management.Automation;

namespace TensorOne.PowerShell.Pipeline;

/// <summary>
/// The one owner of an invocation's background work: its cancellation, its pump and its workers.
/// However the invocation ends (its end, Ctrl+C, a consumer downstream that has enough, an exception,
/// Stop-Job, dispose) the scope cancels, gives the workers a bounded time to leave, observes their
/// faults, and only then disposes what they read, so no worker outlives its pipeline or reads a
/// disposed token.
/// </summary>
internal sealed class InvocationScope : IDisposable
{
    /// <summary>How long dispose waits for cancelled workers; they only have to notice a cancelled token.</summary>
    internal static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(2);

    // PowerShellStandard.Library has no PipelineStopToken; PowerShell 7.6 has one on Cmdlet. Looked up once.
    private static readonly PropertyInfo? PipelineStopTokenProperty =
        typeof(Cmdlet).GetProperty("PipelineStopToken", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var type } property && type == typeof(CancellationToken)
            ? property
            : null;

    // Three levels: stopping ends everything, the pipeline wait included; abandoning (a rejected key
    // seen by a reader) cancels requests but lets the pump still write what the workers posted; closing
    // the sends (a rejected key seen by a writer) lets requests already on the wire finish and report.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationTokenSource _sending;
    private readonly List<Task> _workers = new();
    private CancellationTokenRegistration _hostStop;
    private int _disposed;

    public InvocationScope()
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _sending = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
    }

    public PipelinePump Pump { get; } = new();

    /// <summary>Cancelled when the invocation stops: nothing more will be written.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled when the invocation stops or its work is abandoned.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    /// <summary>Cancelled when no new request may go out; requests already sent go on.</summary>
    public CancellationToken Sending => _sending.Token;

    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Follows the host's own pipeline-stop token where it has one (PowerShell 7.6 and later).</summary>
    public void FollowHostStop(Cmdlet cmdlet)
    {
        if (PipelineStopTokenProperty?.GetValue(cmdlet) is CancellationToken token && token.CanBeCanceled)
        {
            _hostStop = token.Register(static state => ((InvocationScope)state!).Stop(), this);
        }
    }

    /// <summary>Starts a worker that this scope waits for, with <paramref name="prepare"/> run first on its thread.</summary>
    public Task Run(Func<Task> work, Action? prepare = null)
    {
        var task = Task.Run(() =>
        {
            prepare?.Invoke();
            return work();
        });
        lock (_workers)
        {
            _workers.Add(task);
        }

        return task;
    }

    /// <summary>Ctrl+C, a stop from downstream, Stop-Job, an exception or the end: cancels everything (any thread).</summary>
    public void Stop() => Cancel(_stopping);

    /// <summary>Cancels every request still to come or in flight; what was posted is still written (any thread).</summary>
    public void Abandon() => Cancel(_cancellation);

    /// <summary>No new request goes out; those already sent finish and report (any thread).</summary>
    public void CloseSending() => Cancel(_sending);

    /// <summary>Writes what the workers posted; a throw from a write (a consumer that has enough) stops the scope.</summary>
    public void Drain()
    {
        try
        {
            Pump.Drain();
        }
        catch
        {
            Stop();
            throw;
        }
    }

    /// <summary>
    /// Blocks the pipeline thread until <paramref name="work"/> ends, writing what it posts meanwhile.
    /// A stop ends the wait as <see cref="PipelineStoppedException"/>; a throw from a write stops the
    /// scope before it leaves; a fault of the work is rethrown with its own stack, several as several.
    /// </summary>
    public void RunUntil(Task work, Action? idle, TimeSpan idleInterval)
    {
        try
        {
            Pump.RunUntil(work, _stopping.Token, idle, idleInterval);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch
        {
            Stop();
            throw;
        }

        if (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        if (work.IsFaulted && work.Exception is { } faults)
        {
            Stop();
            Rethrow(faults);
        }
    }

    /// <summary>One fault with its own stack; several as one exception that holds them all.</summary>
    internal static void Rethrow(AggregateException faults)
    {
        var inner = faults.Flatten().InnerExceptions;
        if (inner.Count == 1)
        {
            ExceptionDispatchInfo.Capture(inner[0]).Throw();
        }

        throw new AggregateException($"{inner.Count} unexpected faults: " + string.Join("; ", inner.Select(e => e.GetType().Name + ": " + e.Message)), inner);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Stop();
        _hostStop.Dispose();
        Task[] workers;
        lock (_workers)
        {
            workers = _workers.ToArray();
        }

        var left = false;
        try
        {
            left = Task.WaitAll(workers, DrainBound);
        }
        catch (AggregateException)
        {
            // Faults and cancellations of workers of a stopped invocation: observed here, reported by nobody.
            left = true;
        }

        foreach (var worker in workers)
        {
            // Observed, so none reaches TaskScheduler.UnobservedTaskException later.
            _ = worker.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Pump.Dispose();
        if (left)
        {
            _sending.Dispose();
            _cancellation.Dispose();
            _stopping.Dispose();
        }

        // Otherwise a worker that did not leave within the bound still holds the tokens: they are left to
        // the collector rather than disposed under it.
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The invocation already ended and released its scope: nothing is left to cancel.
        }
    }
}
