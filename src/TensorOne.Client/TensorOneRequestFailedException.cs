using System.Globalization;
using System.Text;

namespace TensorOne.Client;

/// <summary>
/// The one exception the client throws for a failed request. It carries what support and scripts
/// need (status, API code, request id, details) and never the API key or the request headers.
/// </summary>
public sealed class TensorOneRequestFailedException : Exception
{
    public TensorOneRequestFailedException(
        TensorOneFailureKind kind,
        int status,
        string errorCode,
        string apiMessage,
        string? requestId = null,
        IReadOnlyDictionary<string, string>? details = null,
        string? clusterId = null,
        TimeSpan? retryAfter = null,
        DateTimeOffset? retryAt = null,
        Exception? innerException = null)
        : base(Compose(status, errorCode, apiMessage, requestId, details, clusterId, retryAt), innerException)
    {
        Kind = kind;
        Status = status;
        ErrorCode = errorCode;
        ApiMessage = apiMessage;
        RequestId = requestId;
        Details = details ?? new Dictionary<string, string>();
        ClusterId = clusterId;
        RetryAfter = retryAfter;
        RetryAt = retryAt;
    }

    public TensorOneFailureKind Kind { get; }

    /// <summary>The client refused to send the request (the API's rate limit had no room for it): it never reached the server.</summary>
    public bool NotSent { get; init; }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The API's error code (e.g. <c>INVALID_STATE</c>), or one of the client's own (<c>NETWORK_ERROR</c>, <c>TIMEOUT</c>, <c>INVALID_RESPONSE</c>).</summary>
    public string ErrorCode { get; }

    /// <summary>The API's message, without the decoration of <see cref="Exception.Message"/>.</summary>
    public string ApiMessage { get; }

    public string? RequestId { get; }

    public IReadOnlyDictionary<string, string> Details { get; }

    public string? ClusterId { get; }

    /// <summary>What the API suggests (<c>details.suggestion</c>), when it does.</summary>
    public string? Suggestion => Details.TryGetValue("suggestion", out var s) ? s : null;

    /// <summary>How long the server asked us to wait (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>When a retry may succeed, when the server said.</summary>
    public DateTimeOffset? RetryAt { get; }

    public bool IsNotFound => Status == 404 || ErrorCode is "RESOURCE_NOT_FOUND" or "CLUSTER_NOT_FOUND";

    public bool IsInvalidState => ErrorCode is "INVALID_STATE" or "STATE_CONFLICT" || (Status == 409 && Kind == TensorOneFailureKind.ApiError);

    public bool IsAuthenticationFailure => Status == 401 || ErrorCode == "UNAUTHORIZED";

    /// <summary>The cluster's status named by an INVALID_STATE answer (<c>details.current_status</c>).</summary>
    public string? CurrentStatus => Details.TryGetValue("current_status", out var s) ? s : null;

    internal TensorOneRequestFailedException WithCluster(string clusterId) =>
        ClusterId == clusterId
            ? this
            : new TensorOneRequestFailedException(Kind, Status, ErrorCode, ApiMessage, RequestId, Details, clusterId, RetryAfter, RetryAt, InnerException) { NotSent = NotSent };

    // Ids are case-sensitive: "cluster 'cLuster_a'" (another cluster's answer) does not name cluster_a.
    private static bool NamesCluster(string message, string clusterId) =>
        message.IndexOf("luster " + clusterId, StringComparison.Ordinal) >= 0
        || message.IndexOf("luster '" + clusterId + "'", StringComparison.Ordinal) >= 0;

    private static string Compose(
        int status,
        string code,
        string apiMessage,
        string? requestId,
        IReadOnlyDictionary<string, string>? details,
        string? clusterId,
        DateTimeOffset? retryAt)
    {
        var text = new StringBuilder();
        // "Cluster 'x': Cluster x not found." would say it twice: a message that names the cluster so needs no prefix.
        if (clusterId is not null && !NamesCluster(apiMessage, clusterId))
        {
            text.Append("Cluster '").Append(clusterId).Append("': ");
        }

        text.Append(apiMessage.TrimEnd('.')).Append('.');
        text.Append(" (");
        if (status > 0)
        {
            text.Append("HTTP ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }

        text.Append(code);
        if (requestId is not null)
        {
            text.Append("; request id ").Append(requestId);
        }

        text.Append(')');
        if (details is not null && details.TryGetValue("suggestion", out var suggestion) && !string.IsNullOrWhiteSpace(suggestion))
        {
            text.Append(" Suggestion: ").Append(suggestion.TrimEnd('.')).Append('.');
        }

        if (retryAt is { } at)
        {
            text.Append(" Retry after ").Append(at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)).Append('.');
        }

        return text.ToString();
    }
}
