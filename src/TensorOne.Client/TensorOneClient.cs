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
    /// POST /clusters/{id}/stop. A stop is safe to send again: the API refuses a second one with
    /// INVALID_STATE. So transient failures are retried, and when an attempt whose fate is unknown (a
    /// dropped connection, a timeout, a 5xx from a gateway) came before that refusal, or before a final
    /// failure, or the API accepted the stop with an unreadable answer, the cluster is read: if it is
    /// stopping or stopped, that is this call's own stop and it is returned as success. When it cannot be
    /// read, the outcome is said to be unknown. One deadline covers it all (see <see cref="StopClusterRequest.OperationTimeout"/>).
    /// </summary>
    public async Task<ClusterOperationResult> StopClusterAsync(string clusterId, StopClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new StopClusterRequest();
        request.Validate();
        var deadline = new OperationDeadline(_options.TimeProvider, request.OperationTimeout ?? _options.OperationTimeout);
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.StopRequestWire);
        var call = deadline.ForWrite(new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "stop"), clusterId, RetryMode.Transient, body, NewIdempotencyKey(), ReadCluster(clusterId)) { Sent = request.RequestSent });
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

        var readBack = await TryReadBackAsync(clusterId, deadline, cancellationToken).ConfigureAwait(false);
        var status = readBack?.Cluster.Status ?? (failure.IsInvalidState ? failure.CurrentStatus : null);
        if (status is ClusterStatus.Stopping or ClusterStatus.Stopped)
        {
            _options.Log?.Invoke(ClientLogLevel.Verbose, accepted
                ? $"Cluster '{clusterId}': the API accepted the stop (HTTP {failure.Status}) but its answer could not be read; the cluster is {status}."
                : $"Cluster '{clusterId}' is {status} after a stop attempt whose answer was lost ({failure.ErrorCode}): that attempt got through; it is not sent again.");
            return readBack is not null
                ? WireMapper.ToOperation(ClusterOperationKind.Stop, readBack.Cluster)
                : new ClusterOperationResult { Operation = ClusterOperationKind.Stop, Id = clusterId, Status = status, RequestId = failure.RequestId, AlreadyInProgress = true };
        }

        if (readBack is null && status is null && !accepted)
        {
            throw OutcomeUnknown(ClusterOperationKind.Stop, call, failure, "the cluster could not be read afterwards to see whether it is stopping");
        }

        throw failure;
    }

    /// <summary>
    /// POST /clusters/{id}/restart. A restart is not refused when repeated, so an attempt whose fate is
    /// unknown is never blindly re-sent: the cluster is read first. It counts as this call's restart when
    /// it is restarting or starting, or came up after the first attempt (by <c>started_at</c> or
    /// <c>restart_initiated_at</c>, on the server's clock). It is asked again, with the same
    /// Idempotency-Key, only when the read proves no restart happened (stopped, or up since before the
    /// first attempt). Anything else (the bare shape's "running", which a restart that finished in
    /// seconds also shows) is an unknown outcome, said as such and not sent again.
    /// </summary>
    public async Task<ClusterOperationResult> RestartClusterAsync(string clusterId, RestartClusterRequest? request = null, CancellationToken cancellationToken = default)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        request ??= new RestartClusterRequest();
        request.Validate();
        var deadline = new OperationDeadline(_options.TimeProvider, request.OperationTimeout ?? _options.OperationTimeout);
        var body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), TensorOneJsonContext.Default.RestartRequestWire);
        var idempotencyKey = NewIdempotencyKey();
        var firstSentAt = _options.TimeProvider.GetUtcNow();
        for (var send = 0; ; send++)
        {
            var call = deadline.ForWrite(new ApiCall(HttpMethod.Post, ClusterPath(clusterId, "restart"), clusterId, RetryMode.NotProcessedOnly, body, idempotencyKey, ReadCluster(clusterId)) { Sent = request.RequestSent });
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

            // A 2xx said the restart was accepted: only its answer is unreadable, and that is the failure to report.
            var readBack = await TryReadBackAsync(clusterId, deadline, cancellationToken).ConfigureAwait(false)
                ?? throw (accepted ? failure : OutcomeUnknown(ClusterOperationKind.Restart, call, failure, "the cluster could not be read afterwards to see whether it is restarting"));
            var fate = RestartFateOf(readBack, firstSentAt);
            if (fate == Fate.TookHold)
            {
                _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' is {readBack.Cluster.Status} after a restart whose answer was lost ({failure.ErrorCode}): the restart got through; it is not sent again.");
                return WireMapper.ToOperation(ClusterOperationKind.Restart, readBack.Cluster);
            }

            if (accepted)
            {
                // The API said it accepted the restart; only its answer is unreadable. That is the failure to report.
                throw failure;
            }

            if (fate == Fate.Unknown)
            {
                throw OutcomeUnknown(ClusterOperationKind.Restart, call, failure, $"the cluster reads '{readBack.Cluster.Status}', which does not tell whether a restart came and went since the request was sent");
            }

            if (send >= _options.MaxRetryAttempts || deadline.WriteTimeLeft <= TimeSpan.Zero)
            {
                throw failure;
            }

            _options.Log?.Invoke(ClientLogLevel.Verbose, $"Cluster '{clusterId}' shows no restart since the first attempt ({readBack.Cluster.Status}) after {failure.ErrorCode}; sending the restart again.");
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

        var deadline = new OperationDeadline(_options.TimeProvider, _options.OperationTimeout);
        return (await ReadAsync(clusterId, path, deadline, cancellationToken).ConfigureAwait(false)).Cluster;
    }

    private async Task<ReadBack> ReadAsync(string clusterId, string path, OperationDeadline deadline, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(deadline.ForRead(new ApiCall(HttpMethod.Get, path, clusterId, RetryMode.Transient, reader: ReadCluster(clusterId))), cancellationToken).ConfigureAwait(false);
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
            var response = await _transport.SendAsync(new ApiCall(HttpMethod.Get, ListPath(query, page), null, RetryMode.Transient, reader: ReadPage), cancellationToken).ConfigureAwait(false);
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
            new ApiCall(HttpMethod.Get, "clusters?page=1&limit=1&include_metrics=false", null, RetryMode.Transient, reader: ReadPage),
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

    private static TensorOneRequestFailedException OutcomeUnknown(ClusterOperationKind kind, ApiCall call, TensorOneRequestFailedException failure, string why)
    {
        var operation = kind.ToString().ToLowerInvariant();
        var details = new Dictionary<string, string>
        {
            ["idempotency_key"] = call.IdempotencyKey ?? "",
            ["last_failure"] = failure.ErrorCode + ": " + failure.ApiMessage,
            ["suggestion"] = $"Check the cluster with Get-T1Cluster {call.ClusterId} before asking again",
        };
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.OutcomeUnknown,
            failure.Status,
            "OUTCOME_UNKNOWN",
            $"Unknown whether the {operation} of cluster '{call.ClusterId}' was carried out: its answer was lost ({failure.ErrorCode}) and {why}. It was not sent again, so that it cannot happen twice; check with Get-T1Cluster {call.ClusterId} (request id {failure.RequestId ?? call.IdempotencyKey}, Idempotency-Key {call.IdempotencyKey})",
            failure.RequestId ?? call.IdempotencyKey,
            details,
            call.ClusterId,
            innerException: failure);
    }

    // A 2xx is the API's word that it acted, even when what came with it cannot be read.
    private static bool IsUnreadableAcceptance(TensorOneRequestFailedException failure) =>
        failure.Kind == TensorOneFailureKind.InvalidResponse && failure.Status is >= 200 and < 300;

    private static bool IsTransient(TensorOneRequestFailedException failure) =>
        failure.Kind is TensorOneFailureKind.Network or TensorOneFailureKind.Timeout
        || failure.Status is 408 or 429 or 500 or 502 or 503 or 504;

    private enum Fate
    {
        TookHold,
        DidNotHappen,
        Unknown,
    }

    // The server's clock and ours differ; comparisons are made on the server's, to the second its Date header has.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What a read after a lost restart answer proves, from what every documented shape carries or
    /// leaves out: never from uptime, which the bare shape lacks.
    /// </summary>
    private static Fate RestartFateOf(ReadBack read, DateTimeOffset firstSentAt)
    {
        var status = read.Cluster.Status;
        if (RestartInFlightStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            return Fate.TookHold;
        }

        if (string.Equals(status, ClusterStatus.Stopped, StringComparison.OrdinalIgnoreCase))
        {
            // A restart leaves stopped at once and never ends there.
            return Fate.DidNotHappen;
        }

        var began = read.Wire.RestartInitiatedAt ?? read.Wire.RestartInitiatedAtCamel ?? read.Wire.StartedAt ?? read.Wire.StartedAtCamel;
        if (began is { } since && read.ServerDate is { } serverNow && string.Equals(status, ClusterStatus.Running, StringComparison.OrdinalIgnoreCase))
        {
            // The first attempt on the server's clock: its Date less the time our clock saw pass since then.
            var firstSentOnServer = serverNow - (read.ReceivedAt - firstSentAt);
            return since >= firstSentOnServer - ClockSlack ? Fate.TookHold : Fate.DidNotHappen;
        }

        return Fate.Unknown;
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

    /// <summary>A read of one cluster with what is needed to place it in time on the server's clock.</summary>
    private sealed record ReadBack(ClusterInfo Cluster, ClusterWire Wire, DateTimeOffset? ServerDate, DateTimeOffset ReceivedAt);
}
