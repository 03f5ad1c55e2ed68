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

    /// <summary>Only clusters in this status (the API filters; checked again here).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("running", "stopped", "starting", "stopping", "restarting", "error", "pending", IgnoreCase = true)]
    public string? Status { get; set; }

    /// <summary>Only clusters whose name matches; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

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
        var status = Status?.ToLowerInvariant();
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        var skip = PagingParameters.Skip;
        var first = PagingParameters.First;
        ulong written = 0;
        ulong matched = 0;
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
                        || (pattern is not null && !pattern.IsMatch(cluster.Name ?? "")))
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

                // The next page is read only once this one is written: one page is held at a time, and a
                // consumer that has enough (its WriteObject throws) is known before another request goes out.
                var wrote = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                var unreadable = page.Unreadable;
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
                if (!wrote.Task.Wait(Timeout.Infinite, Cancellation) || !wrote.Task.Result)
                {
                    return false;
                }

                return written < first;
            }, Cancellation).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException failure)
        {
            Pump.Post(() => WriteFailure(failure, null));
            return;
        }

        if (listing.IncompleteBecause is { } why)
        {
            // An idle sweep acting on part of the account as if it were all of it is the failure to prevent.
            Pump.Post(() => WriteError(new ErrorRecord(
                new InvalidDataException($"The cluster listing may be incomplete: {why}. Clusters may be missing from this output; run the command again, or narrow it with -Status or -Name."),
                "TensorOne.IncompleteListing",
                ErrorCategory.InvalidResult,
                null)));
        }

        if (PagingParameters.IncludeTotalCount)
        {
            // Read to the end, the count of matches is exact. Stopped early, the server's total is exact
            // only when nothing is filtered here; otherwise all that is known is a lower bound.
            var readAll = !listing.StoppedByCaller && listing.IncompleteBecause is null;
            var (total, accuracy) = readAll
                ? (matched, 1.0)
                : listing.DeclaredTotal is { } declared && pattern is null
                    ? ((ulong)declared, 1.0)
                    : (matched, 0.0);
            Pump.Post(() => WriteObject(PagingParameters.NewTotalCount(total, accuracy)));
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
