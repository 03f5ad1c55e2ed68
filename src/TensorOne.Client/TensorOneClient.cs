using System.Globalization;
using System.Text;
using System.Text.Json;
using TensorOne.Client.Internal;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;

namespace TensorOne.Client;

/// <summary>
/// The TensorOne cluster API. One instance per session: it owns one HttpClient and is safe to call
/// from many threads at once.
/// </summary>
public sealed class TensorOneClient : IDisposable
{
    /// <summary>The largest page the API serves; the fewest requests for a full listing.</summary>
    public const int PageSize = 100;

    // A runaway server that always says "has_next" must not keep a listing going for ever.
    private const int MaxPages = 10_000;

    private static readonly string[] RestartInFlightStatuses = { ClusterStatus.Restarting, ClusterStatus.Starting };

    private readonly TensorOneClientOptions _options;
    private readonly ApiTransport _transport;

    public TensorOneClient(TensorOneClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        _options = options;
        _transport = new ApiTransport(options);
    }

    public Uri BaseUri => _options.BaseUri;

    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>The client's clock. Callers outside this assembly use this rather than <see cref="TimeProvider"/>,
    /// whose type may come from a different assembly in an isolated load context.</summary>
    public DateTimeOffset GetUtcNow() => _options.TimeProvider.GetUtcNow();

    /// <summary>The budget reported by the API's last X-RateLimit-* headers, if any.</summary>
    public RateLimitStatus? LastRateLimit => _transport.LastRateLimit;

    /// <summary>
    /// Writes the API's answers say are left in its window, counting writes in flight as spent; null
    /// until a write's answer has said. Writes past it are refused unsent until <see cref="WriteBudgetResetsAt"/>.
    /// </summary>
    public int? WritesLeft => _transport.WritesLeft;

    public DateTimeOffset? WriteBudgetResetsAt => _transport.WriteBudgetResetsAt;

    /// <summary>
    /// POST /clusters/{id}/stop. A stop is safe to send again: the API refuses a second one with
    /// INVALID_STATE. So transient failures are retried, and when an attempt whose fate is unknown (a
    /// dropped connection, a timeout, a 5xx from a gateway) came before that refusal, or before a final
    /// failure, or the API accepted the stop with an unreadable answer, the cluster is read: if it is
    /// stopping or stopped, that is this call's own stop and it is returned as success.
    /// </summary>
    public async Task<ClusterOperationResult> StopClusterAsync(string clusterId, StopClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new StopClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.StopRequestWire);
        var call = new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "stop"), clusterId, RetryMode.Transient, body, NewIdempotencyKey(), ReadCluster(clusterId));
        var (answer, failure) = await SendWriteAsync(call, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return WireMapper.ToOperation(ClusterOperationKind.Stop, answer!);
        }

        var accepted = IsUnreadableAcceptance(failure);
        var fateUnknown = call.MaybeCommitted && (failure.IsInvalidState || IsTransient(failure));
        if (!accepted && !fateUnknown)
        {
            throw failure;
        }

        var cluster = await TryReadBackAsync(clusterId, cancellationToken).ConfigureAwait(false);
        var status = cluster?.Status ?? (failure.IsInvalidState ? failure.CurrentStatus : null);
        if (status is ClusterStatus.Stopping or ClusterStatus.Stopped)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, accepted
                ? $"Cluster '{clusterId}': the API accepted the stop (HTTP {failure.Status}) but its answer could not be read; the cluster is {status}."
                : $"Cluster '{clusterId}' is {status} after a stop attempt whose answer was lost ({failure.ErrorCode}): that attempt got through; it is not sent again.");
            return cluster is not null
                ? WireMapper.ToOperation(ClusterOperationKind.Stop, cluster)
                : new ClusterOperationResult { Operation = ClusterOperationKind.Stop, Id = clusterId, Status = status, RequestId = failure.RequestId, AlreadyInProgress = true };
        }

        throw failure;
    }

    /// <summary>
    /// POST /clusters/{id}/restart. A restart is not refused when repeated, so an attempt whose fate is
    /// unknown is never blindly re-sent: the cluster is read first, and only a cluster that shows no
    /// restart (not restarting or starting, and not running since before the first attempt) is asked
    /// again, with the same Idempotency-Key.
    /// </summary>
    public async Task<ClusterOperationResult> RestartClusterAsync(string clusterId, RestartClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new RestartClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.RestartRequestWire);
        var idempotencyKey = NewIdempotencyKey();
        var firstSentAt = _options.TimeProvider.GetUtcNow();
        for (var send = 0; ; send++)
        {
            var call = new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "restart"), clusterId, RetryMode.NotProcessedOnly, body, idempotencyKey, ReadCluster(clusterId));
            var (answer, failure) = await SendWriteAsync(call, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return WireMapper.ToOperation(ClusterOperationKind.Restart, answer!);
            }

            var accepted = IsUnreadableAcceptance(failure);
            if (!accepted && !call.MaybeCommitted)
            {
                throw failure;
            }

            // Whether the restart took hold decides everything, so a failed read means "unknown": say the original failure.
            var cluster = await TryReadBackAsync(clusterId, cancellationToken).ConfigureAwait(false) ?? throw failure;
            if (RestartTookHold(cluster, firstSentAt))
            {
                _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' is {cluster.Status} after a restart whose answer was lost ({failure.ErrorCode}): the restart got through; it is not sent again.");
                return WireMapper.ToOperation(ClusterOperationKind.Restart, cluster);
            }

            if (accepted || send >= _options.MaxRetryAttempts)
            {
                throw failure;
            }

            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' shows no restart under way after {failure.ErrorCode}; sending the restart again.");
        }
    }

    /// <summary>GET /clusters/{id}. <paramref name="includeDetails"/> false asks for a lean read (no metrics, no cost breakdown), as a poller should.</summary>
    public async Task<ClusterInfo> GetClusterAsync(string clusterId, bool includeDetails = true, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        var path = ClusterPath(clusterId, null);
        if (!includeDetails)
        {
            path += "?include_metrics=false&include_cost_breakdown=false";
        }

        var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, path, clusterId, RetryMode.Transient, reader: ReadCluster(clusterId)), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(response, clusterId);
        }

        return WireMapper.ToCluster((ClusterWire)response.Parsed!);
    }

    /// <summary>
    /// GET /clusters, every page (limit=100), collected. Duplicates across pages (a list that moved while
    /// read) appear once. <see cref="ClusterList.Listing"/> says whether the listing is whole.
    /// </summary>
    public async Task<ClusterList> ListClustersAsync(ListClustersQuery? query = null, CancellationToken cancellationToken = default)
    {
        var clusters = new List<ClusterInfo>();
        var listing = await ListClusterPagesAsync(query, page =>
        {
            clusters.AddRange(page);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ClusterList(clusters, listing);
    }

    /// <summary>
    /// GET /clusters page by page: <paramref name="onPage"/> sees each page's new clusters as it arrives
    /// (on a worker thread) and returns false to stop reading, so a caller that needs five clusters
    /// reads one page and holds one page in memory. Every documented paging form is read; a page of
    /// nothing new, or more clusters than the server declared, ends the walk, and the result says when
    /// the listing may be short. A failed page throws; the pages before it have been delivered.
    /// </summary>
    public async Task<ClusterListing> ListClusterPagesAsync(ListClustersQuery? query, Func<ClusterListPage, bool> onPage, CancellationToken cancellationToken = default)
    {
        if (onPage is null)
        {
            throw new ArgumentNullException(nameof(onPage));
        }

        var walk = new PagingWalk(PageSize);
        for (var page = 1; ; page++)
        {
            var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, ListPath(query, page), null, RetryMode.Transient, reader: ReadPage), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw Failure(response, null);
            }

            var result = (ClusterPage)response.Parsed!;
            var fresh = walk.Take(result);
            if (fresh.Count > 0)
            {
                var clusters = new List<ClusterInfo>(fresh.Count);
                foreach (var wire in fresh)
                {
                    wire.RequestId ??= result.RequestId;
                    clusters.Add(WireMapper.ToCluster(wire));
                }

                if (!onPage(new ClusterListPage(clusters, walk.Pages, walk.DeclaredTotal)))
                {
                    return new ClusterListing(walk.Pages, walk.Delivered, walk.DeclaredTotal, stoppedByCaller: true, walk.IncompleteBecause);
                }
            }

            if (!walk.ShouldContinue(result, page, fresh.Count, MaxPages))
            {
                break;
            }
        }

        if (walk.IncompleteBecause is { } why)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, "The cluster listing may be incomplete: " + why + ".");
        }

        return new ClusterListing(walk.Pages, walk.Delivered, walk.DeclaredTotal, stoppedByCaller: false, walk.IncompleteBecause);
    }

    public void Dispose() => _transport.Dispose();

    private static TensorOneRequestFailedException Failure(ApiResponse response, string? clusterId) =>
        ErrorParser.ToException(response, clusterId);

    private static Func<ApiResponse, object> ReadCluster(string clusterId) => response => ResponseParser.ReadCluster(response, clusterId);

    private static object ReadPage(ApiResponse response) => ResponseParser.ReadPage(response);

    /// <summary>Sends a write; the outcome is either the cluster it answered with or the failure to decide on.</summary>
    private async Task<(ClusterWire? Answer, TensorOneRequestFailedException? Failure)> SendWriteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? ((ClusterWire)response.Parsed!, null) : (null, Failure(response, call.ClusterId));
        }
        catch (TensorOneRequestFailedException failure)
        {
            return (null, failure);
        }
    }

    /// <summary>The cluster as it is now, or null when it cannot be read (the caller then decides on what it already knows).</summary>
    private async Task<ClusterInfo?> TryReadBackAsync(string clusterId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetClusterAsync(clusterId, includeDetails: false, cancellationToken).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException ex)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' could not be read back to check what became of the request: {ex.ApiMessage}");
            return null;
        }
    }

    // A 2xx is the API's word that it acted, even when what came with it cannot be read.
    private static bool IsUnreadableAcceptance(TensorOneRequestFailedException failure) =>
        failure.Kind == TensorOneFailureKind.InvalidResponse && failure.Status is >= 200 and < 300;

    private static bool IsTransient(TensorOneRequestFailedException failure) =>
        failure.Kind is TensorOneFailureKind.Network or TensorOneFailureKind.Timeout
        || failure.Status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Restarting or starting; or running again with an uptime shorter than the time since the first
    /// attempt, which means it came up after that attempt (a short restart can finish before the read).
    /// </summary>
    private bool RestartTookHold(ClusterInfo cluster, DateTimeOffset firstSentAt)
    {
        if (RestartInFlightStatuses.Contains(cluster.Status, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var sinceFirstSend = _options.TimeProvider.GetUtcNow() - firstSentAt;
        return string.Equals(cluster.Status, ClusterStatus.Running, StringComparison.OrdinalIgnoreCase)
            && cluster.UptimeSeconds is { } uptime
            && uptime < sinceFirstSend.TotalSeconds;
    }

    private static string ClusterPath(string clusterId, string? action)
    {
        // Validated against the allow-list already; escaping is belt and braces.
        var path = "clusters/" + Uri.EscapeDataString(clusterId);
        return action is null ? path : path + "/" + action;
    }

    private static string ListPath(ListClustersQuery? query, int page)
    {
        var text = new StringBuilder("clusters?page=")
            .Append(page.ToString(CultureInfo.InvariantCulture))
            .Append("&limit=")
            .Append(PageSize.ToString(CultureInfo.InvariantCulture));
        Append(text, "status", query?.Status);
        Append(text, "gpu_type", query?.GpuType);
        Append(text, "region", query?.Region);
        Append(text, "project_id", query?.ProjectId);
        Append(text, "search", query?.Search);
        if (query?.IncludeDetails is { } details)
        {
            Append(text, "include_metrics", details ? "true" : "false");
            Append(text, "include_cost_breakdown", details ? "true" : "false");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
