using System.Globalization;
using System.Net.Sockets;
using TensorOne.Client.Resilience;
using TensorOne.Client.Secrets;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Http;

/// <summary>
/// The failures the transport reports itself, when no usable answer came or a request was held back
/// unsent, and how it tells a network failure from the rest.
/// </summary>
internal static class TransportFailure
{
    /// <summary>The API's rate limit refused this request ahead of time: it was not sent, and says when it may be.</summary>
    public static TensorOneRequestFailedException StillThrottled(ApiCall call, DateTimeOffset now, DateTimeOffset until) =>
        RateLimitedUnsent(call, now, until, $"rate limit for {(call.IsRead ? "reads" : "writes")} is used up; it refused an earlier request and asked the client to wait");

    /// <summary>The writes already sent spent the API's write budget for this window: this one was not sent.</summary>
    public static TensorOneRequestFailedException BudgetSpent(ApiCall call, DateTimeOffset now, DateTimeOffset until) =>
        RateLimitedUnsent(call, now, until, "write budget for this window is used up (X-RateLimit-Remaining: 0 for the writes already sent)");

    public static TensorOneRequestFailedException NotSentBeforeDeadline(ApiCall call) =>
        DeadlineFailure(call, null, "while it waited for the writes in flight to free the API's write budget; it was not sent");

    public static TensorOneRequestFailedException DeadlineFailure(ApiCall call, Exception? inner, string? notSentBecause = null)
    {
        var budget = call.Budget is { } b ? b.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "its";
        var how = notSentBecause is null ? $"({Attempts(call)})" : notSentBecause;
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.Timeout, 0, "TIMEOUT",
            $"{call.Method} {call.PathForMessages} did not finish within the operation's deadline of {budget} {how}",
            clusterId: call.ClusterId, innerException: inner)
        {
            NotSent = notSentBecause is not null,
        };
    }

    public static TensorOneRequestFailedException AttemptTimedOut(ApiCall call, TimeSpan attemptTimeout, Exception inner) =>
        new(
            TensorOneFailureKind.Timeout, 0, "TIMEOUT",
            $"The API did not answer {call.Method} {call.PathForMessages} within {attemptTimeout.TotalSeconds:0.#} seconds ({Attempts(call)})",
            clusterId: call.ClusterId, innerException: inner);

    public static TensorOneRequestFailedException Unreachable(ApiCall call, Uri baseUri, SecretMask mask, Exception inner)
    {
        var why = IsConnectionRefused(inner) ? "nothing is listening there (connection refused); check the base URI" : FinalFailure.Describe(inner) ?? mask.Apply(Innermost(inner).Message);
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.Network, 0, "NETWORK_ERROR",
            $"Could not reach the API at {baseUri.Host}:{baseUri.Port} for {call.Method} {call.PathForMessages}: {why} ({Attempts(call)})",
            clusterId: call.ClusterId, innerException: inner);
    }

    /// <summary>How an attempt of a write ended without an answer, for write safety to judge.</summary>
    public static WriteTransportEnd WriteEnd(ApiCall call, Exception exception) =>
        IsConnectionRefused(exception) ? WriteTransportEnd.ConnectionRefused
        : FinalFailure.IsCertificateRefused(exception) ? WriteTransportEnd.CertificateRefused
        : !call.WrittenThisAttempt ? WriteTransportEnd.FailedBeforeWritten
        : exception is OperationCanceledException ? WriteTransportEnd.TimedOutAfterWritten
        : WriteTransportEnd.LostAfterWritten;

    public static bool IsNetworkFailure(Exception exception) => exception is HttpRequestException or IOException or SocketException;

    public static bool IsConnectionRefused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    public static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    private static TensorOneRequestFailedException RateLimitedUnsent(ApiCall call, DateTimeOffset now, DateTimeOffset until, string whatIsUsedUp)
    {
        var details = new Dictionary<string, string> { ["suggestion"] = ErrorParser.Suggest("RATE_LIMIT_EXCEEDED")! };
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.ApiError,
            429,
            "RATE_LIMIT_EXCEEDED",
            $"The API's {whatIsUsedUp}, so {call.Method} {call.PathForMessages} was not sent",
            details: details,
            clusterId: call.ClusterId,
            retryAfter: until - now,
            retryAt: until)
        {
            NotSent = true,
        };
    }

    private static string Attempts(ApiCall call) => call.Attempts == 1 ? "1 attempt" : call.Attempts.ToString(CultureInfo.InvariantCulture) + " attempts";
}
