using System.Collections.Concurrent;

namespace TensorOne.PowerShell.Pipeline;

/// <summary>
/// PowerShell's Write* methods must be called on the pipeline thread. Worker tasks post what they
/// want written here, and the pipeline thread runs it, either between input objects
/// (<see cref="Drain"/>) or while it waits for the work to end (<see cref="RunUntil"/>).
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private readonly BlockingCollection<Action> _actions = new();

    /// <summary>Callable from any thread. Posts after the pump closed are dropped: nobody is left to write them.</summary>
    public void Post(Action action)
    {
        try
        {
            _actions.TryAdd(action);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (InvalidOperationException)
        {
            // Completed for adding: the invocation has ended.
        }
    }

    /// <summary>Runs what is posted already, without waiting.</summary>
    public void Drain()
    {
        while (_actions.TryTake(out var action))
        {
            action();
        }
    }

    /// <summary>
    /// Runs posted actions as they arrive until <paramref name="work"/> ends; <paramref name="cancellationToken"/>
    /// ends the wait early. <paramref name="idle"/> runs at least every <paramref name="idleInterval"/> (progress flushing).
    /// </summary>
    public void RunUntil(Task work, CancellationToken cancellationToken, Action? idle = null, TimeSpan? idleInterval = null)
    {
        var interval = idle is null ? Timeout.Infinite : (int)(idleInterval ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds;
        // Wakes the loop when the work ends, even if it posted nothing.
        work.ContinueWith(static (_, state) => ((PipelinePump)state!).Post(static () => { }), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!work.IsCompleted)
        {
            if (_actions.TryTake(out var action, interval, cancellationToken))
            {
                action();
            }

            idle?.Invoke();
        }

        Drain();
        idle?.Invoke();
    }

    public void Dispose()
    {
        _actions.CompleteAdding();
        _actions.Dispose();
    }
}
