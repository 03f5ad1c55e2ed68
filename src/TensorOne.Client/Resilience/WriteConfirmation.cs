using System.Globalization;
using TensorOne.Client.Http;
using TensorOne.Client.Models;

namespace TensorOne.Client.Resilience;

/// <summary>
/// Ends the story of a write whose answer did not say what became of it. Reads may lag writes (a
/// replica), so a read can only confirm: a read that shows the write took hold ends it as done; a
/// read that shows the old state proves nothing, so the cluster is read again a poll interval later,
/// a few times within the deadline, and if none confirms the outcome is unknown. The write is never
/// sent again from here.
/// </summary>
internal sealed class WriteConfirmation
{
    private readonly TensorOneClientOptions _options;

    public WriteConfirmation(TensorOneClientOptions options) => _options = options;

    /// <summary>The reads made, the last one (null when none succeeded), and whether one showed the write took hold.</summary>
    public async Task<(ReadBack? Last, bool Confirmed, int Reads)> ConfirmAsync(
        Func<CancellationToken, Task<ReadBack?>> read,
        Func<ReadBack, bool> tookHold,
        OperationDeadline deadline,
        CancellationToken cancellationToken)
    {
        ReadBack? last = null;
        var reads = 0;
        for (var attempt = 0; attempt < Math.Max(1, _options.ReadBackAttempts); attempt++)
        {
            if (attempt > 0)
            {
                // The next read must fit, with room for its own answer, in what the deadline leaves.
                if (deadline.TimeLeft <= _options.ReadBackInterval + _options.ReadBackInterval)
                {
                    break;
                }

                await _options.TimeProvider.Delay(_options.ReadBackInterval, cancellationToken).ConfigureAwait(false);
            }

            reads++;
            if (await read(cancellationToken).ConfigureAwait(false) is { } current)
            {
                last = current;
                if (tookHold(current))
                {
                    return (current, true, reads);
                }
            }
        }

        return (last, false, reads);
    }

    /// <summary>The failure of a write whose outcome is unknown, saying exactly what was sent and what was seen.</summary>
    public static TensorOneRequestFailedException OutcomeUnknown(
        ClusterOperationKind kind,
        ApiCall call,
        TensorOneRequestFailedException failure,
        ReadBack? last,
        int reads)
    {
        var operation = kind.ToString().ToLowerInvariant();
        var seen = last is null
            ? "the cluster could not be read afterwards"
            : reads == 1
                ? $"a read afterwards shows it '{last.Cluster.Status}'"
                : $"{reads.ToString(CultureInfo.InvariantCulture)} reads afterwards show it '{last.Cluster.Status}'";
        var details = new Dictionary<string, string>
        {
            ["idempotency_key"] = call.IdempotencyKey ?? "",
            ["times_sent"] = call.TimesWritten.ToString(CultureInfo.InvariantCulture),
            ["last_failure"] = failure.ErrorCode + ": " + failure.ApiMessage,
            ["suggestion"] = $"Check the cluster with Get-T1Cluster {call.ClusterId} before asking again",
        };
        var requestId = failure.RequestId ?? call.IdempotencyKey;
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.OutcomeUnknown,
            failure.Status,
            "OUTCOME_UNKNOWN",
            $"Unknown whether the {operation} of cluster '{call.ClusterId}' was carried out. {call.Method} /{call.RelativePath} was sent {Times(call.TimesWritten)} and {WhatCameBack(call, failure)}, so the API may have acted on it; {seen}, "
            + $"which does not prove it did not (reads may lag writes). It was not sent again, so that it cannot happen twice; check with Get-T1Cluster {call.ClusterId} (request id {requestId}, Idempotency-Key {call.IdempotencyKey})",
            requestId,
            details,
            call.ClusterId,
            innerException: failure);
    }

    /// <summary>
    /// The failure of a write the API accepted (a 2xx) with an answer that cannot be used, when no read
    /// shows it yet: still that answer's failure, saying the write was accepted and is not sent again.
    /// </summary>
    public static TensorOneRequestFailedException AcceptedUnread(ClusterOperationKind kind, TensorOneRequestFailedException failure) =>
        new(
            failure.Kind,
            failure.Status,
            failure.ErrorCode,
            $"The API accepted the {kind.ToString().ToLowerInvariant()} (HTTP {failure.Status.ToString(CultureInfo.InvariantCulture)}) and it is not sent again, but its answer cannot be used and reads do not show it yet: {failure.ApiMessage}",
            failure.RequestId,
            failure.Details,
            failure.ClusterId,
            innerException: failure);

    private static string Times(int times) => times switch
    {
        1 => "once",
        2 => "twice",
        _ => times.ToString(CultureInfo.InvariantCulture) + " times",
    };

    private static string WhatCameBack(ApiCall call, TensorOneRequestFailedException failure) => call.LastAnswer switch
    {
        { End: WriteTransportEnd.TimedOutAfterWritten } => $"no answer came in time ({failure.ApiMessage})",
        { End: WriteTransportEnd.LostAfterWritten } => "the connection dropped before its answer came",
        { End: WriteTransportEnd.Answered, FromApi: true } answer => $"the API answered HTTP {answer.Status} ({failure.ErrorCode})",
        { End: WriteTransportEnd.Answered } answer => $"the answer was HTTP {answer.Status} from something in front of the API (a gateway or proxy), not the API's own answer",
        _ => $"its answer was lost ({failure.ErrorCode})",
    };
}
