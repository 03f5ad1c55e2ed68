using TensorOne.Client.Resilience;

namespace TensorOne.Client.Http;

/// <summary>One logical request: every retry of it sends the same body and the same Idempotency-Key.</summary>
internal sealed class ApiCall
{
    private int _attempts;
    private int _written;
    private int _mayHaveActed;
    private int _apiSaidNotProcessed;
    private int _timesWritten;
    private WriteAnswer? _lastAnswer;

    public ApiCall(HttpMethod method, string relativePath, string? clusterId, byte[]? body = null, string? idempotencyKey = null, Func<ApiResponse, object>? reader = null)
    {
        Method = method;
        RelativePath = relativePath;
        ClusterId = clusterId;
        Body = body;
        IdempotencyKey = idempotencyKey;
        Reader = reader;
    }

    public HttpMethod Method { get; }

    public string RelativePath { get; }

    /// <summary>The path without its query, for messages: short, and the same for every attempt.</summary>
    public string PathForMessages => RelativePath.IndexOf('?') is var query and >= 0 ? RelativePath.Substring(0, query) : RelativePath;

    public string? ClusterId { get; }

    public byte[]? Body { get; }

    public string? IdempotencyKey { get; }

    /// <summary>
    /// Reads a successful answer inside the attempt. It throws the client's exception for a body it
    /// cannot use; for a read that failure is retried like a transient one (a proxy that cut the body
    /// short), for a write it is not (the 2xx says the server acted; the caller checks with a read).
    /// </summary>
    public Func<ApiResponse, object>? Reader { get; }

    /// <summary>A read: safe to send again whatever happened to an earlier attempt.</summary>
    public bool IsRead => Method == HttpMethod.Get;

    /// <summary>True once an attempt of this write ended in a way that leaves open whether the API acted on it.</summary>
    public bool MayHaveActed => Volatile.Read(ref _mayHaveActed) != 0;

    /// <summary>True once the API itself answered an attempt of this write with "not processed" (429, 503 in its envelope).</summary>
    public bool ApiSaidNotProcessed => Volatile.Read(ref _apiSaidNotProcessed) != 0;

    /// <summary>What write safety decided after the last attempt of this write.</summary>
    public WriteDecision? LastDecision => _lastAnswer is { } answer ? WriteSafety.Decide(answer) : null;

    /// <summary>How many attempts' bodies were written to the connection: how often the API may have seen this write.</summary>
    public int TimesWritten => Volatile.Read(ref _timesWritten);

    /// <summary>What the last attempt of this write got.</summary>
    public WriteAnswer? LastAnswer => _lastAnswer;

    /// <summary>True when the current attempt's body has been written to the connection.</summary>
    public bool WrittenThisAttempt => Volatile.Read(ref _written) != 0;

    /// <summary>Told by the request body once it has been written: from then on the API may act on it.</summary>
    public void NoteWritten()
    {
        Volatile.Write(ref _written, 1);
        Interlocked.Increment(ref _timesWritten);
        Sent?.Invoke();
    }

    /// <summary>Records write safety's judgement of one attempt.</summary>
    public WriteDecision Judge(WriteAnswer answer)
    {
        var decision = WriteSafety.Decide(answer);
        _lastAnswer = answer;
        if (decision is WriteDecision.ConfirmByReading or WriteDecision.ReadAcceptedState)
        {
            Volatile.Write(ref _mayHaveActed, 1);
        }

        if (decision == WriteDecision.SendAgain && answer.End == WriteTransportEnd.Answered)
        {
            Volatile.Write(ref _apiSaidNotProcessed, 1);
        }

        return decision;
    }

    /// <summary>
    /// When this request must be done by, retries, backoff and Retry-After included; null for none. The
    /// client sets it from the operation's one deadline (leaving time for a read-back after a write).
    /// </summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>The whole time the deadline allowed, for messages.</summary>
    public TimeSpan? Budget { get; set; }

    /// <summary>Set when the deadline, not a single attempt's timeout, ended the request.</summary>
    public bool DeadlinePassed { get; set; }

    /// <summary>What is left of the deadline at <paramref name="now"/>; null for no deadline.</summary>
    public TimeSpan? Remaining(DateTimeOffset now) => Deadline is { } deadline ? deadline - now : null;

    /// <summary>Told each time an attempt's request has been written to the network.</summary>
    public Action? Sent { get; set; }

    /// <summary>Attempts sent so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void NoteAttempt()
    {
        Interlocked.Increment(ref _attempts);
        Volatile.Write(ref _written, 0);
    }
}
