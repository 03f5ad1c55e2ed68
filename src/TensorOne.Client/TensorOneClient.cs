using System.Globalization;
using System.Text;
using System.Text.Json;
using TensorOne.Client.Http;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.Client.Resilience;
using TensorOne.Client.Wire;

namespace TensorOne.Client;

/// <summary>
/// The TensorOne cluster API. One instance per session: it owns one HttpClient and is safe to call
/// from many threads at once.
/// </summary>
public sealed class TensorOneClient : IDisposable
{
    /// <summary>The largest page the API serves; the fewest requests for a full listing.</summary>
    public const int PageSize = 100;

    private static readonly string[] StopTookHoldStatuses = { ClusterStatus.Stopping, ClusterStatus.Stopped };
    private static readonly string[] RestartUnderWayStatuses = { ClusterStatus.Restarting, ClusterStatus.Starting };

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

    /// <summary>The default deadline of one operation (<see cref="TensorOneClientOptions.OperationTimeout"/>).</summary>
    public TimeSpan OperationTimeout => _options.OperationTimeout;

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
    /// POST /clusters/{id}/stop. Sent again only when the attempt provably never reached the API (see
    /// <see cref="WriteSafety"/>). When an attempt may have been acted on (a dropped connection, a
    /// timeout, a gateway's 5xx) or the API accepted it with an unreadable answer, the cluster is read to
    /// confirm: stopping or stopped is this call's own stop. Reads may lag writes, so a read of the old
    /// state proves nothing; unconfirmed, the outcome is said to be unknown. One deadline covers it all
    /// (see <see cref="StopClusterRequest.OperationTimeout"/>).
    /// </summary>
    public Task<ClusterOperationResult> StopClusterAsync(string clusterId, StopClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new StopClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.StopRequestWire);
        return WriteAsync(ClusterOperationKind.Stop, clusterId, body, request.OperationTimeout, request.RequestSent, (read, _) => read.IsIn(StopTookHoldStatuses), cancellationToken);
    }

    /// <summary>
    /// POST /clusters/{id}/restart. A restart is not refused when repeated, so it is sent again only when
    /// the attempt provably never reached the API. When an attempt may have been acted on, the cluster is
    /// read to confirm: restarting or starting, or up since after the first attempt (by
    /// <c>started_at</c> or <c>restart_initiated_at</c>, on the server's clock), is this call's restart.
    /// Anything else (the bare shape's "running", which a restart that finished in seconds also shows,
    /// or a read that lags the write) leaves the outcome unknown, said as such.
    /// </summary>
    public Task<ClusterOperationResult> RestartClusterAsync(string clusterId, RestartClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new RestartClusterRequest();
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.RestartRequestWire);
        return WriteAsync(ClusterOperationKind.Restart, clusterId, body, request.OperationTimeout, request.RequestSent, (read, firstSentAt) => read.ShowsRestartSince(firstSentAt), cancellationToken);
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

        var deadline = new OperationDeadline(_options.TimeProvider, _options.OperationTimeout);
        return (await ReadAsync(clusterId, path, deadline, cancellationToken).ConfigureAwait(false)).Cluster;
    }

    private async Task<ReadBack> ReadAsync(string clusterId, string path, OperationDeadline deadline, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(deadline.ForRead(new ApiCall(HttpMethod.Get, path, clusterId, reader: ReadCluster(clusterId))), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(response, clusterId);
        }

        var wire = (ClusterWire)response.Parsed!;
        return new ReadBack(WireMapper.ToCluster(wire), wire, response.Headers.Date, response.ReceivedAt);
    }

    /// <summary>
    /// GET /clusters, every page (limit=100), collected. Duplicates across pages (a list that moved while
    /// read) appear once. <see cref="ClusterList.Listing"/> says whether the listing is whole.
    /// </summary>
    public async Task<ClusterList> ListClustersAsync(ListClustersQuery? query = null, CancellationToken cancellationToken = default)
    {
        var stream = ListClusters(query);
        var clusters = new List<ClusterInfo>();
        await foreach (var cluster in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            clusters.Add(cluster);
        }

        return new ClusterList(clusters, stream.Listing);
    }

    /// <summary>GET /clusters as a lazy stream of clusters, a page requested only when the rows before it are taken (<see cref="ClusterStream"/>).</summary>
    public ClusterStream ListClusters(ListClustersQuery? query = null) => new(
        async (page, cancellationToken) =>
        {
            var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, ListPath(query, page), null, reader: ReadPage), cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? (ClusterPage)response.Parsed! : throw Failure(response, null);
        },
        _options.Log);

    /// <summary>
    /// Checks that the API accepts the key with the cheapest read there is (one lean list entry);
    /// throws the read's failure. It also fills <see cref="LastRateLimit"/>.
    /// </summary>
    public async Task CheckAccessAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(
            new ApiCall(HttpMethod.Get, "clusters?page=1&limit=1&include_metrics=false", null, reader: ReadPage),
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(response, null);
        }
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
    private async Task<ReadBack?> TryReadBackAsync(string clusterId, OperationDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(clusterId, ClusterPath(clusterId, null) + "?include_metrics=false&include_cost_breakdown=false", deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException ex)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' could not be read back to check what became of the request: {ex.ApiMessage}");
            return null;
        }
    }

    /// <summary>
    /// Sends a stop or restart, then ends its story: the answer, or the API's refusal, or a read that
    /// confirms an attempt the API may have acted on, or an unknown outcome. Never a second operation.
    /// </summary>
    private async Task<ClusterOperationResult> WriteAsync(
        ClusterOperationKind kind,
        string clusterId,
        byte[] body,
        TimeSpan? operationTimeout,
        Action? sent,
        Func<ReadBack, DateTimeOffset, bool> tookHold,
        CancellationToken cancellationToken)
    {
        var deadline = new OperationDeadline(_options.TimeProvider, operationTimeout ?? _options.OperationTimeout);
        var action = kind == ClusterOperationKind.Stop ? "stop" : "restart";
        var call = deadline.ForWrite(new ApiCall(HttpMethod.Post, ClusterPath(clusterId, action), clusterId, body, NewIdempotencyKey(), ReadCluster(clusterId)) { Sent = sent });
        var firstSentAt = _options.TimeProvider.GetUtcNow();
        var (answer, failure) = await SendWriteAsync(call, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return WireMapper.ToOperation(kind, answer!);
        }

        if (!call.MayHaveActed)
        {
            // The API said an earlier attempt was not processed, and now says the operation is under way: it was ours.
            if (call.ApiSaidNotProcessed && failure.IsInvalidState && IsUnderWay(kind, failure.CurrentStatus))
            {
                _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' is {failure.CurrentStatus}: the {action} the API answered with HTTP 503/429 was carried out after all; it is this call's {action}.");
                return new ClusterOperationResult { Operation = kind, Id = clusterId, Status = failure.CurrentStatus, RequestId = failure.RequestId, AlreadyInProgress = true };
            }

            throw failure;
        }

        var (last, confirmed, reads) = await new WriteConfirmation(_options).ConfirmAsync(
            token => TryReadBackAsync(clusterId, deadline, token),
            read => tookHold(read, firstSentAt),
            deadline,
            cancellationToken).ConfigureAwait(false);
        if (confirmed && last is not null)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' is {last.Cluster.Status} after a {action} whose answer did not say so ({failure.ErrorCode}): that {action} got through; it is not sent again.");
            return WireMapper.ToOperation(kind, last.Cluster);
        }

        // The API said it accepted the write (a 2xx); only its answer is unusable, and that is the failure to report.
        if (call.LastDecision == WriteDecision.ReadAcceptedState)
        {
            throw WriteConfirmation.AcceptedUnread(kind, failure);
        }

        throw WriteConfirmation.OutcomeUnknown(kind, call, failure, last, reads);
    }

    private static bool IsUnderWay(ClusterOperationKind kind, string? status) =>
        status is not null && (kind == ClusterOperationKind.Stop ? StopTookHoldStatuses : RestartUnderWayStatuses).Contains(status, StringComparer.OrdinalIgnoreCase);

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
            // The list documents include_metrics only (include_cost_breakdown is the single read's).
            Append(text, "include_metrics", details ? "true" : "false");
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
