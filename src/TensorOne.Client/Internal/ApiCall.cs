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
    private int _ambiguousRetries;

    public ApiCall(HttpMethod method, string relativePath, string? clusterId, RetryMode retryMode, byte[]? body = null, string? idempotencyKey = null)
    {
        Method = method;
        RelativePath = relativePath;
        ClusterId = clusterId;
        RetryMode = retryMode;
        Body = body;
        IdempotencyKey = idempotencyKey;
    }

    public HttpMethod Method { get; }

    public string RelativePath { get; }

    public string? ClusterId { get; }

    public RetryMode RetryMode { get; }

    public byte[]? Body { get; }

    public string? IdempotencyKey { get; }

    /// <summary>True once an attempt failed in a way that leaves open whether the server acted on it.</summary>
    public bool MaybeCommitted => Volatile.Read(ref _ambiguousRetries) > 0;

    public void NoteAmbiguousFailure() => Interlocked.Increment(ref _ambiguousRetries);
}
