namespace TensorOne.Client.Internal;

/// <summary>When a failed attempt may be sent again without risking a second operation.</summary>
internal enum RetryMode
{
    /// <summary>Reads, and writes the API itself refuses to repeat (a second stop answers INVALID_STATE).</summary>
    Transient,

    /// <summary>Only failures that prove the request was not processed (refused connection, 429, 503).</summary>
    NotProcessedOnly,
}

/// <summary>One logical request: every retry of it sends the same body and the same Idempotency-Key.</summary>
internal sealed class ApiCall
{
    private int _ambiguousFailures;
    private int _attempts;
    private int _lastCut;

    public ApiCall(HttpMethod method, string relativePath, string? clusterId, RetryMode retryMode, byte[]? body = null, string? idempotencyKey = null, Func<ApiResponse, object>? reader = null)
    {
        Method = method;
        RelativePath = relativePath;
        ClusterId = clusterId;
        RetryMode = retryMode;
        Body = body;
        IdempotencyKey = idempotencyKey;
        Reader = reader;
    }

    public HttpMethod Method { get; }

    public string RelativePath { get; }

    public string? ClusterId { get; }

    public RetryMode RetryMode { get; }

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

    /// <summary>True once an attempt failed in a way that leaves open whether the server acted on it.</summary>
    public bool MaybeCommitted => Volatile.Read(ref _ambiguousFailures) > 0;

    public void NoteAmbiguousFailure() => Interlocked.Increment(ref _ambiguousFailures);

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

    /// <summary>True when the last attempt was cancelled on its way (by a timeout): its fate is open.</summary>
    public bool LastAttemptCut => Volatile.Read(ref _lastCut) != 0;

    public void NoteAttemptCut() => Volatile.Write(ref _lastCut, 1);

    /// <summary>Told each time an attempt's request has been written to the network.</summary>
    public Action? Sent { get; set; }

    /// <summary>Attempts sent so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void NoteAttempt()
    {
        Interlocked.Increment(ref _attempts);
        Volatile.Write(ref _lastCut, 0);
    }
}
