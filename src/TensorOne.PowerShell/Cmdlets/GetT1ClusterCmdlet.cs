using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Infrastructure;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>Get-T1Cluster: GET {base}/clusters (every page) or {base}/clusters/{id}.</summary>
[Cmdlet(VerbsCommon.Get, "T1Cluster", DefaultParameterSetName = ListSet)]
[OutputType(typeof(T1Cluster))]
public sealed class GetT1ClusterCmdlet : TensorOneCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const int MaxParallelReads = 8;

    private readonly List<Task> _work = new();
    private readonly SemaphoreSlim _throttle = new(MaxParallelReads);

    [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The id of a cluster to read, for example cluster_3b7e8d20 (Get-T1Cluster without -Id lists them). Enter one per line; an empty line ends the list.")]
    [Alias("ClusterId", "cluster_id")]
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
            _work.Add(RunWorker(() => GetOneAsync(id)));
        }

        Pump.Drain();
    }

    protected override void EndProcessing() => WaitPumping(Task.WhenAll(_work));

    private async Task ListAsync()
    {
        var status = Status?.ToLowerInvariant();
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        IReadOnlyList<ClusterInfo> clusters;
        try
        {
            clusters = await Client.ListClustersAsync(new ListClustersQuery { Status = status }, Cancellation).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException failure)
        {
            Pump.Post(() => WriteFailure(failure, null));
            return;
        }

        var now = Client.GetUtcNow();
        var selected = clusters
            .Where(c => status is null || string.Equals(c.Status, status, StringComparison.OrdinalIgnoreCase))
            .Where(c => pattern is null || pattern.IsMatch(c.Name ?? ""))
            .Select(c => T1Cluster.From(c, now))
            .ToList();
        Pump.Post(() =>
        {
            foreach (var cluster in selected)
            {
                WriteObject(cluster);
            }
        });
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
