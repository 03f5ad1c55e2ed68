using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Session;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Get-T1Cluster: GET {base}/clusters, streamed, or {base}/clusters/{id}. The pipeline thread takes the
/// listing's rows one by one and writes each; the next page is read only once the rows before it are
/// written, so memory holds a page whatever the account's size, and a consumer that has enough
/// (Select-Object -First, -First) stops the reading before another request.
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
            List();
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
    // invocation's scope: the reads by id still to come are not sent.
    protected override void EndProcessing() => WaitPumping(Task.WhenAll(_work));

    // The pipeline thread drives the listing: it asks the stream for the next row, pumps what the client
    // logs while a page is on its way, and writes each row itself. A consumer that has enough
    // (Select-Object -First throws out of WriteObject), -First, Ctrl+C or Stop-Job ends the loop before
    // another page is asked for; a request in flight is cancelled with the invocation's scope.
    private void List()
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
            var stream = Client.ListClusters(new ListClustersQuery { Status = status });
            using (var rows = stream.OpenReader(Cancellation))
            {
                while (written < first)
                {
                    bool next;
                    try
                    {
                        next = MoveNext(rows);
                    }
                    catch (TensorOneRequestFailedException failure)
                    {
                        WriteUnreadable(stream);
                        WriteFailure(failure, null);
                        return;
                    }

                    WriteUnreadable(stream);
                    if (!next)
                    {
                        break;
                    }

                    var cluster = rows.Current;
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

                    written++;
                    WriteObject(T1Cluster.From(cluster, Client.GetUtcNow()));
                }
            }

            listings.Add(stream.Listing);
            if (written >= first)
            {
                break;
            }
        }

        DrainPump();
        var readAll = listings.All(l => l.IsComplete);
        if (readAll)
        {
            foreach (var missing in filter.LiteralsNotMatched)
            {
                // As Get-Process -Name does: a name without wildcards that matches nothing is an error.
                var where = Status is { Length: > 0 } ? " with status " + string.Join(" or ", statuses) : "";
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Cannot find a cluster with the name '{missing}'{where}. Verify the name and run the command again; Get-T1Cluster lists the clusters."),
                    "NoClusterFoundForGivenName",
                    ErrorCategory.ObjectNotFound,
                    missing));
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
            WriteObject(PagingParameters.NewTotalCount(total, accuracy));
        }
    }

    /// <summary>
    /// The next row, asked for on the pipeline thread. Rows in hand come at once; when a page has to be
    /// read, the pipeline thread waits as the invocation does (its pump writes the client's log lines,
    /// a stop ends the wait) while the read, awaited by no blocked thread, belongs to the invocation's
    /// scope, so nothing outlives the command.
    /// </summary>
    private bool MoveNext(ClusterRowReader rows)
    {
        Task<bool> next;
        var caller = ClientLogRouter.Current;
        ClientLogRouter.Current = LogSink;
        try
        {
            next = rows.MoveNextAsync();
        }
        finally
        {
            // The page read keeps this invocation's log routing; the pipeline thread gets its own back.
            ClientLogRouter.Current = caller;
        }

        if (next.IsCompleted)
        {
            return next.GetAwaiter().GetResult();
        }

        var page = next;
        WaitPumping(RunWorker(async () =>
        {
            try
            {
                await page.ConfigureAwait(false);
            }
            catch (TensorOneRequestFailedException)
            {
                // The pipeline thread reports it, from the page read itself.
            }
        }));
        return page.GetAwaiter().GetResult();
    }

    private void WriteUnreadable(ClusterStream stream)
    {
        foreach (var bad in stream.TakeUnreadable())
        {
            WriteWarning(UnreadableRowWarning.For(bad));
        }
    }

    private void Report(ClusterListing listing)
    {
        if (listing.IncompleteBecause is { } why)
        {
            // An idle sweep acting on part of the account as if it were all of it is the failure to prevent.
            WriteError(new ErrorRecord(
                new InvalidDataException($"The cluster listing may be incomplete: {why}. Clusters may be missing from this output; run the command again, or narrow it with -Status or -Name."),
                "TensorOne.IncompleteListing",
                ErrorCategory.InvalidResult,
                null));
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
