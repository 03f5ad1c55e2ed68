using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Pipeline;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Get-T1Cluster: GET {base}/clusters, streamed page by page, or {base}/clusters/{id}. Rows are written
/// as each page arrives and the reader waits for them to be written before it reads on, so memory holds
/// a page or two whatever the account's size, and a consumer that has enough (Select-Object -First,
/// -First) stops the reading.
/// </summary>
[Cmdlet(VerbsCommon.Get, "T1Cluster", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(T1Cluster))]
public sealed class GetT1ClusterCmdlet : TensorOneCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const int MaxParallelReads = 8;

    private readonly List<Task> _work = new();
    private readonly SemaphoreSlim _throttle = new(MaxParallelReads);
    private ulong _idsSeen;

    [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of a cluster to read, for example cluster_3b7e8d20 (Get-T1Cluster without -Id lists them). Enter one per line; an empty line ends the list.")]
    [Alias("ClusterId", "cluster_id")]
    [ClusterIdInput]
    [ValidateClusterId]
    [ArgumentCompleter(typeof(TensorOne.PowerShell.Completers.ClusterIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Only clusters in these statuses. The API takes one status per list request, so each is listed
    /// in turn and the results merged (a cluster that changed status between the lists is written once).
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("running", "stopped", "starting", "stopping", "restarting", "error", "pending", IgnoreCase = true)]
    public string[]? Status { get; set; }

    /// <summary>Only clusters whose name matches one of these; wildcards allowed. A name without wildcards that matches nothing is an error, as in Get-Process.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TensorOne.PowerShell.Completers.ClusterNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ListSet)
        {
            _work.Add(RunWorker(ListAsync));
            return;
        }

        foreach (var id in Id)
        {
            // -Skip and -First count the ids as given; those not wanted are not read.
            if (_idsSeen++ < PagingParameters.Skip || _idsSeen - PagingParameters.Skip > PagingParameters.First)
            {
                continue;
            }

            _work.Add(RunWorkerFor(id, "its read", () => GetOneAsync(id)));
        }

        DrainPump();
    }

    // A consumer that has enough (Select-Object -First throws out of WriteObject) or Ctrl+C stops the
    // invocation's scope: the reader does not go on fetching pages nobody will see.
    protected override void EndProcessing() => WaitPumping(Task.WhenAll(_work));

    private async Task ListAsync()
    {
        var filter = new ClusterNameFilter(Name);
        var statuses = Status is { Length: > 0 } given
            ? given.Select(v => (string?)v.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList()
            : new List<string?> { null };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skip = PagingParameters.Skip;
        var first = PagingParameters.First;
        ulong written = 0;
        ulong matched = 0;
        var listings = new List<ClusterListing>();
        foreach (var status in statuses)
        {
            ClusterListing listing;
            try
            {
                listing = await Client.ListClusterPagesAsync(new ListClustersQuery { Status = status }, page =>
                {
                    var now = Client.GetUtcNow();
                    var rows = new List<T1Cluster>();
                    foreach (var cluster in page)
                    {
                        // The API filters on status; a server that ignores the filter is checked here too.
                        if ((status is not null && !string.Equals(cluster.Status, status, StringComparison.OrdinalIgnoreCase))
                            || !filter.Matches(cluster.Name)
                            || !seen.Add(cluster.Id))
                        {
                            continue;
                        }

                        matched++;
                        if (skip > 0)
                        {
                            skip--;
                            continue;
                        }

                        if (written >= first)
                        {
                            continue;
                        }

                        written++;
                        rows.Add(T1Cluster.From(cluster, now));
                    }

                    return WritePage(page.Unreadable, rows) && written < first;
                }, Cancellation).ConfigureAwait(false);
            }
            catch (TensorOneRequestFailedException failure)
            {
                Pump.Post(() => WriteFailure(failure, null));
                return;
            }

            listings.Add(listing);
            if (listing.StoppedByCaller)
            {
                break;
            }
        }

        var readAll = listings.All(l => l.IsComplete);
        if (readAll)
        {
            foreach (var missing in filter.LiteralsNotMatched)
            {
                // As Get-Process -Name does: a name without wildcards that matches nothing is an error.
                var where = Status is { Length: > 0 } ? " with status " + string.Join(" or ", statuses) : "";
                Pump.Post(() => WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Cannot find a cluster with the name '{missing}'{where}. Verify the name and run the command again; Get-T1Cluster lists the clusters."),
                    "NoClusterFoundForGivenName",
                    ErrorCategory.ObjectNotFound,
                    missing)));
            }
        }

        foreach (var listing in listings)
        {
            Report(listing);
        }

        if (PagingParameters.IncludeTotalCount)
        {
            // Read to the end, the count of matches is exact. Stopped early, the server's total is exact
            // only when nothing is filtered here; otherwise all that is known is a lower bound.
            var (total, accuracy) = readAll
                ? (matched, 1.0)
                : listings.Count == 1 && listings[0].DeclaredTotal is { } declared && !filter.Filters
                    ? ((ulong)declared, 1.0)
                    : (matched, 0.0);
            Pump.Post(() => WriteObject(PagingParameters.NewTotalCount(total, accuracy)));
        }
    }

    /// <summary>
    /// Writes a page's rows on the pipeline thread and waits until they are written: one page is held at
    /// a time, and a consumer that has enough (its WriteObject throws) is known before another request
    /// goes out. False when the rows could not all be written.
    /// </summary>
    private bool WritePage(IReadOnlyList<UnreadableCluster> unreadable, List<T1Cluster> rows)
    {
        var wrote = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Pump.Post(() =>
        {
            try
            {
                foreach (var bad in unreadable)
                {
                    WriteWarning(UnreadableRowWarning.For(bad));
                }

                foreach (var row in rows)
                {
                    WriteObject(row);
                }

                wrote.TrySetResult(true);
            }
            catch
            {
                wrote.TrySetResult(false);
                throw;
            }
        });
        return wrote.Task.Wait(Timeout.Infinite, Cancellation) && wrote.Task.Result;
    }

    private void Report(ClusterListing listing)
    {
        if (listing.IncompleteBecause is { } why)
        {
            // An idle sweep acting on part of the account as if it were all of it is the failure to prevent.
            Pump.Post(() => WriteError(new ErrorRecord(
                new InvalidDataException($"The cluster listing may be incomplete: {why}. Clusters may be missing from this output; run the command again, or narrow it with -Status or -Name."),
                "TensorOne.IncompleteListing",
                ErrorCategory.InvalidResult,
                null)));
        }
    }

    private async Task GetOneAsync(string id)
    {
        await _throttle.WaitAsync(Cancellation).ConfigureAwait(false);
        try
        {
            var cluster = await Client.GetClusterAsync(id, includeDetails: true, Cancellation).ConfigureAwait(false);
            var output = T1Cluster.From(cluster, Client.GetUtcNow());
            Pump.Post(() => WriteObject(output));
        }
        catch (TensorOneRequestFailedException failure)
        {
            Pump.Post(() => WriteFailure(failure, id));
        }
        finally
        {
            _throttle.Release();
        }
    }
}
