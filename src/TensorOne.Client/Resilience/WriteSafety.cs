namespace TensorOne.Client.Resilience;

/// <summary>How one attempt of a write ended at the transport, before any HTTP answer is considered.</summary>
internal enum WriteTransportEnd
{
    /// <summary>An HTTP answer came back (its status and body are in <see cref="WriteAnswer"/>).</summary>
    Answered,

    /// <summary>Nothing listens there: the connection was refused, so the request went nowhere.</summary>
    ConnectionRefused,

    /// <summary>The attempt failed (reset, timeout, DNS) before the request body was written to the connection.</summary>
    FailedBeforeWritten,

    /// <summary>The server's certificate was refused: nothing was sent, and trying again cannot change it.</summary>
    CertificateRefused,

    /// <summary>The connection was reset or closed after the request was written: the API may have acted.</summary>
    LostAfterWritten,

    /// <summary>The attempt timed out after the request was written: the API may have acted.</summary>
    TimedOutAfterWritten,
}

/// <summary>What the client does next after one attempt of a write.</summary>
internal enum WriteDecision
{
    /// <summary>The API accepted the write and its answer was read.</summary>
    Done,

    /// <summary>The API accepted the write (a 2xx) but its answer is unusable: read the cluster for its state; never send again.</summary>
    ReadAcceptedState,

    /// <summary>The write provably never reached the API, or the API said it did not process it: it may be sent again.</summary>
    SendAgain,

    /// <summary>A definite answer that a retry cannot change (the API refused it, or nothing was sent): report it as it is.</summary>
    Fail,

    /// <summary>The API may have acted on it: never send again; read the cluster to confirm, else the outcome is unknown.</summary>
    ConfirmByReading,
}

/// <summary>
/// What one attempt of a write got, as far as write safety is concerned: how the transport ended, the
/// HTTP status, whether a 2xx answer could be read, and whether an error came in the API's own
/// documented error envelope (the API's word) rather than from whatever stood in front of it.
/// </summary>
internal readonly record struct WriteAnswer(WriteTransportEnd End, int Status = 0, bool Readable = true, bool FromApi = false)
{
    public static WriteAnswer Http(int status, bool fromApi = false, bool readable = true) => new(WriteTransportEnd.Answered, status, readable, fromApi);

    public static WriteAnswer Transport(WriteTransportEnd end) => new(end);

    public override string ToString() => End == WriteTransportEnd.Answered
        ? $"HTTP {Status}{(Status is >= 200 and < 300 ? (Readable ? "" : " unreadable") : FromApi ? " (API envelope)" : " (not the API's envelope)")}"
        : End.ToString();
}

/// <summary>
/// The write-safety contract in one place. A stop or restart is sent again only when it provably never
/// reached the API: nothing was written to the connection, the connection was refused, or the API's
/// own error envelope said it did not process it (429, 503). A gateway's or proxy's answer (an HTML
/// page, an empty 502) is not the API's word: the write may have been committed behind it, so it is
/// never sent again, only confirmed by reading the cluster.
/// </summary>
internal static class WriteSafety
{
    public static WriteDecision Decide(WriteAnswer answer) => answer.End switch
    {
        WriteTransportEnd.ConnectionRefused or WriteTransportEnd.FailedBeforeWritten => WriteDecision.SendAgain,
        WriteTransportEnd.CertificateRefused => WriteDecision.Fail,
        WriteTransportEnd.LostAfterWritten or WriteTransportEnd.TimedOutAfterWritten => WriteDecision.ConfirmByReading,
        _ => DecideHttp(answer.Status, answer.Readable, answer.FromApi),
    };

    private static WriteDecision DecideHttp(int status, bool readable, bool fromApi) => status switch
    {
        >= 200 and < 300 => readable ? WriteDecision.Done : WriteDecision.ReadAcceptedState,

        // Redirects are not followed: nothing was acted on where the request went.
        >= 300 and < 400 => WriteDecision.Fail,

        // The API sheds load and throttles before it processes a request, and says so in its envelope.
        429 or 503 => fromApi ? WriteDecision.SendAgain : WriteDecision.ConfirmByReading,

        // A request timeout or a server error: whoever says it, the API may have acted before it.
        408 or >= 500 => WriteDecision.ConfirmByReading,

        // A refusal (400, 401, 403, 404, 409, 422): the request was judged and not carried out.
        >= 400 and < 500 => WriteDecision.Fail,

        // 1xx or anything else no server should send: the fate is open.
        _ => WriteDecision.ConfirmByReading,
    };
}
