using TensorOne.Client.Models;

namespace TensorOne.Client;

/// <summary>
/// A <see cref="ClusterStream"/> read row by row in types of the base library only. The cmdlet assembly
/// reads through it because it must not bind to Microsoft.Bcl.AsyncInterfaces (or ValueTask's package)
/// itself: PowerShell 7 holds its own copy, which need not be the one the isolated client loaded.
/// </summary>
public sealed class ClusterRowReader : IDisposable
{
    private static readonly Task<bool> RowInHand = Task.FromResult(true);
    private static readonly Task<bool> Ended = Task.FromResult(false);

    private readonly IAsyncEnumerator<ClusterInfo> _rows;
    private Task<bool>? _pageRead;

    internal ClusterRowReader(IAsyncEnumerator<ClusterInfo> rows) => _rows = rows;

    public ClusterInfo Current => _rows.Current;

    /// <summary>Completed at once while the page last read has rows left; otherwise the read of the next page.</summary>
    public Task<bool> MoveNextAsync()
    {
        var next = _rows.MoveNextAsync();
        if (next.IsCompletedSuccessfully)
        {
            return next.Result ? RowInHand : Ended;
        }

        return _pageRead = next.AsTask();
    }

    /// <summary>Ends the enumeration; a page read still in flight (its token cancelled) is let end first.</summary>
    public void Dispose()
    {
        if (_pageRead is { IsCompleted: false } reading)
        {
            _ = reading.ContinueWith(_ => _rows.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        // Between rows the iterator is suspended at a yield: disposing it completes at once.
        _rows.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
