using System.Diagnostics;
using System.Runtime.CompilerServices;
using TensorOne.Client;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Completers;

/// <summary>
/// The cluster list that Tab completion reads: one list per client (so per endpoint and key), kept
/// for a short while so repeated Tab presses send no request, and never waited on for long, so an
/// unreachable API costs one Tab press about two seconds, and the presses right after it nothing.
/// </summary>
internal static class ClusterListCache
{
    /// <summary>How long a list read serves further completions.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>After a failed or too slow read, completion offers nothing at once for this long instead of waiting again.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(10);

    /// <summary>The longest a Tab press waits for the list.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(2);

    /// <summary>A slow read may finish in the background for a later Tab press, but not beyond this.</summary>
    public static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(10);

    private static readonly IReadOnlyList<ClusterSummary> Nothing = Array.Empty<ClusterSummary>();

    // Keyed by the session's shared client: a client per endpoint and key, dropped with it.
    private static readonly ConditionalWeakTable<object, Entry> Entries = new();

    /// <summary>The clusters of the session's connection, or nothing when there is no key, no answer in time, or any failure.</summary>
    public static IReadOnlyList<ClusterSummary> Read()
    {
        SessionConnection connection;
        try
        {
            connection = ModuleSession.Resolve(null);
        }
        catch (ConnectionProblem)
        {
            // No key or an unusable endpoint: nothing to complete, and nothing to say while the user types.
            return Nothing;
        }

        using var lease = ModuleSession.Lease(connection);
        return Entries.GetValue(lease.Client, _ => new Entry()).Read(lease.Client);
    }

    private static TimeSpan Since(long timestamp) =>
        TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - timestamp) / (double)Stopwatch.Frequency);

    private sealed class Entry
    {
        private readonly object _gate = new();
        private Task<IReadOnlyList<ClusterSummary>?>? _read;
        private long _finishedAt;
        private long? _gaveUpAt;

        public IReadOnlyList<ClusterSummary> Read(TensorOneClient client)
        {
            Task<IReadOnlyList<ClusterSummary>?> read;
            TimeSpan wait;
            lock (_gate)
            {
                if (_read is { IsCompleted: true } done)
                {
                    var failed = done.Result is null;
                    if (Since(_finishedAt) < (failed ? FailureLifetime : Lifetime))
                    {
                        return done.Result ?? Nothing;
                    }

                    _read = null;
                }

                if (_read is null)
                {
                    _gaveUpAt = null;
                    _read = Task.Run(() => ReadAsync(client));
                }

                read = _read;

                // A read that already kept one Tab press waiting is not waited on again for a while.
                wait = _gaveUpAt is { } gaveUp && Since(gaveUp) < FailureLifetime ? TimeSpan.Zero : WaitLimit;
            }

            if (read.Wait(wait))
            {
                return read.Result ?? Nothing;
            }

            lock (_gate)
            {
                if (wait > TimeSpan.Zero && ReferenceEquals(read, _read))
                {
                    _gaveUpAt = Stopwatch.GetTimestamp();
                }
            }

            return Nothing;
        }

        private async Task<IReadOnlyList<ClusterSummary>?> ReadAsync(TensorOneClient client)
        {
            IReadOnlyList<ClusterSummary>? result = null;
            using (var cancellation = new CancellationTokenSource(ReadLimit))
            {
                try
                {
                    // No invocation owns this read: its retries and diagnostics must reach no stream.
                    ClientLogRouter.Current = null;
                    var clusters = await client.ListClustersAsync(new ListClustersQuery { IncludeDetails = false }, cancellation.Token).ConfigureAwait(false);
                    result = clusters.Select(c => new ClusterSummary(c.Id, c.Name, c.Status)).ToList();
                }
                catch (Exception)
                {
                    // Completion is a convenience: whatever went wrong (network, key, answer), it offers nothing.
                }
            }

            // Stamped before the task completes, so a completed read always has its time.
            lock (_gate)
            {
                _finishedAt = Stopwatch.GetTimestamp();
            }

            return result;
        }
    }
}
