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
    /// POST /clusters/{id}/stop. When an earlier attempt of this call may have reached the server and
    /// the API then answers INVALID_STATE because the cluster is already stopping, that is this
    /// call's own stop: the answer is read back with a GET and returned as success.
    /// </summary>
    public async Task<ClusterOperationResult> StopClusterAsync(string clusterId, StopClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new StopClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.StopRequestWire);
        var call = new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "stop"), clusterId, RetryMode.Transient, body, NewIdempotencyKey());
        var response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return WireMapper.ToOperation(ClusterOperationKind.Stop, ResponseParser.ReadCluster(response, clusterId));
        }

        var failure = Failure(response, clusterId);
        if (call.MaybeCommitted && failure.IsInvalidState && failure.CurrentStatus is ClusterStatus.Stopping or ClusterStatus.Stopped)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' was already {failure.CurrentStatus} after a retried stop: the first attempt got through and its answer was lost.");
            var cluster = await GetClusterAsync(clusterId, includeDetails: false, cancellationToken).ConfigureAwait(false);
            return WireMapper.ToOperation(ClusterOperationKind.Stop, cluster);
        }

        throw failure;
    }

    /// <summary>
    /// POST /clusters/{id}/restart. A restart is not refused when repeated, so an attempt whose fate is
    /// unknown is never blindly re-sent: the cluster is read first, and only a cluster that shows no
    /// restart under way is asked again (with the same Idempotency-Key).
    /// </summary>
    public async Task<ClusterOperationResult> RestartClusterAsync(string clusterId, RestartClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new RestartClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.RestartRequestWire);
        var idempotencyKey = NewIdempotencyKey();
        for (var send = 0; ; send++)
        {
            var call = new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "restart"), clusterId, RetryMode.NotProcessedOnly, body, idempotencyKey);
            ApiResponse? response = null;
            TensorOneRequestFailedException? lost = null;
            try
            {
                response = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (TensorOneRequestFailedException ex) when (ex.Kind is TensorOneFailureKind.Network or TensorOneFailureKind.Timeout)
            {
                lost = ex;
            }

            if (response is { IsSuccess: true })
            {
                return WireMapper.ToOperation(ClusterOperationKind.Restart, ResponseParser.ReadCluster(response, clusterId));
            }

            var failure = lost ?? Failure(response!, clusterId);
            var ambiguous = lost is not null || response!.Status is 408 or 500 or 502 or 504;
            if (!ambiguous || send >= _options.MaxRetryAttempts)
            {
                throw failure;
            }

            var cluster = await GetClusterAsync(clusterId, includeDetails: false, cancellationToken).ConfigureAwait(false);
            if (RestartInFlightStatuses.Contains(cluster.Status, StringComparer.OrdinalIgnoreCase))
            {
                _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' is {cluster.Status} after a restart whose answer was lost: the restart got through; not sending it again.");
                return WireMapper.ToOperation(ClusterOperationKind.Restart, cluster);
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

        var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, path, clusterId, RetryMode.Transient), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(response, clusterId);
        }

        return WireMapper.ToCluster(ResponseParser.ReadCluster(response, clusterId));
    }

    /// <summary>GET /clusters, every page (limit=100). Duplicates across pages (a list that moved while read) appear once.</summary>
    public async Task<IReadOnlyList<ClusterInfo>> ListClustersAsync(ListClustersQuery? query = null, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clusters = new List<ClusterInfo>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, ListPath(query, page), null, RetryMode.Transient), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw Failure(response, null);
            }

            var result = ResponseParser.ReadPage(response);
            foreach (var wire in result.Clusters)
            {
                if (seen.Add(wire.Id!))
                {
                    wire.RequestId ??= result.RequestId;
                    clusters.Add(WireMapper.ToCluster(wire));
                }
            }

            if (!HasNextPage(result, page))
            {
                break;
            }
        }

        return clusters;
    }

    public void Dispose() => _transport.Dispose();

    private static bool HasNextPage(ClusterPage page, int number)
    {
        if (page.Clusters.Count == 0)
        {
            return false;
        }

        if (page.Pagination is { } pagination)
        {
            if (pagination.HasNext is { } hasNext)
            {
                return hasNext;
            }

            if (pagination.TotalPages is { } totalPages)
            {
                return number < totalPages;
            }
        }

        // The bare shape carries no pagination: a full page may have a successor.
        return page.Clusters.Count >= PageSize;
    }

    private TensorOneRequestFailedException Failure(ApiResponse response, string? clusterId) =>
        ErrorParser.ToException(response, clusterId, _options.TimeProvider.GetUtcNow());

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
        if (query?.IncludeMetrics is { } metrics)
        {
            Append(text, "include_metrics", metrics ? "true" : "false");
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
