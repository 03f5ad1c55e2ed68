namespace TensorOne.Simulator.Faults;

/// <summary>
/// What the fault stage can do to a request. "Before handler" faults leave the cluster untouched;
/// "after handler" faults let the endpoint run (a stop or restart is then committed) and spoil only
/// what the client receives, which is the case a client must never turn into a second operation.
/// </summary>
public enum FaultKind
{
    /// <summary>The connection is dropped before the request is handled: nothing is committed.</summary>
    ResetBeforeHandler,

    /// <summary>The endpoint runs (a stop is committed), then the connection is dropped instead of the answer.</summary>
    ResetAfterHandler,

    /// <summary>408, answered instead of the endpoint.</summary>
    RequestTimeout,

    /// <summary>429 with <c>Retry-After</c> in delta seconds (<see cref="FaultPlan.RetryAfter"/>), instead of the endpoint.</summary>
    TooManyRequests,

    /// <summary>429 with <c>Retry-After</c> as an HTTP date (rounded up to the second) and a matching <c>Date</c>.</summary>
    TooManyRequestsHttpDate,

    /// <summary>500, instead of the endpoint.</summary>
    InternalServerError,

    /// <summary>502, instead of the endpoint.</summary>
    BadGateway,

    /// <summary>503, instead of the endpoint; with <c>Retry-After</c> when <see cref="FaultPlan.ServiceUnavailableRetryAfter"/> is set.</summary>
    ServiceUnavailable,

    /// <summary>504, instead of the endpoint.</summary>
    GatewayTimeout,

    /// <summary>The endpoint's status and headers with no body at all.</summary>
    EmptyBody,

    /// <summary>The endpoint's answer cut off halfway through its JSON.</summary>
    MalformedJson,

    /// <summary>The endpoint runs (committed), then answers 200 with well-formed JSON nested 1,000 arrays deep.</summary>
    DeepJson,

    /// <summary>The endpoint's JSON answer labelled <c>text/plain</c>.</summary>
    WrongContentType,

    /// <summary>
    /// A proxy's HTML error page (<see cref="FaultPlan.HtmlStatus"/>, default 502) instead of the endpoint.
    /// Like a debugging proxy it echoes the request headers, Authorization included, so tests can prove
    /// that the client never repeats what a server reflects.
    /// </summary>
    HtmlErrorPage,

    /// <summary>The endpoint's status with a body of <see cref="FaultPlan.HugeBodyBytes"/>, sent chunked (no Content-Length).</summary>
    HugeBody,

    /// <summary>A delay of <see cref="FaultPlan.SlowDelay"/> before the endpoint; if the client gives up first, nothing is committed.</summary>
    SlowBeforeHandler,

    /// <summary>The endpoint runs (committed), then its answer is held back for <see cref="FaultPlan.SlowDelay"/>.</summary>
    SlowAfterHandler,

    /// <summary>The endpoint's answer with <see cref="FaultPlan.LowRateLimitRemaining"/> of <see cref="FaultPlan.LowRateLimitLimit"/> in the X-RateLimit-* headers.</summary>
    LowRateLimit,

    /// <summary>
    /// 400 whose message, details and request id echo the presented key JSON-escaped: <c>/</c> as
    /// <c>\/</c> (as PHP writes it), <c>+</c> as <c>\u002B</c> (as .NET writes it), and once with every
    /// character as <c>\uXXXX</c>. Bytes that never spell the key, text that does once decoded.
    /// </summary>
    EchoKeyEscaped,

    /// <summary>The endpoint's success answer with its name and request id replaced by escaped echoes of the key (committed).</summary>
    EchoKeyEscapedInSuccess,

    /// <summary>The endpoint's answer with an HTTP reason phrase that carries the presented key (committed).</summary>
    KeyInReasonPhrase,

    /// <summary>The endpoint runs (committed), its headers and half its body are sent, then the rest is held back for <see cref="FaultPlan.SlowDelay"/>.</summary>
    StalledBody,

    /// <summary><see cref="FaultPlan.RedirectStatus"/> (default 307) pointing at <see cref="FaultPlan.RedirectLocation"/>, instead of the endpoint.</summary>
    Redirect,

    /// <summary>
    /// The endpoint runs (committed), and its cluster answer names another cluster: its id is replaced
    /// by <see cref="FaultPlan.OtherClusterId"/>. An answer a client must check against its question.
    /// </summary>
    AnswerForAnotherId,

    /// <summary>
    /// The endpoint runs (committed), and its cluster answer carries the <c>id</c> key twice, the second
    /// naming <see cref="FaultPlan.OtherClusterId"/> (a parser that lets the last key win reads another cluster).
    /// </summary>
    DuplicateIdKey,

    /// <summary>
    /// A listing page in which one row (<see cref="FaultPlan.OddRowId"/>, else the first) has
    /// <see cref="FaultPlan.OddRowField"/> set to the raw JSON <see cref="FaultPlan.OddRowValue"/>; the other rows are untouched.
    /// </summary>
    OddRow,

    /// <summary>
    /// The endpoint runs (committed), and its answer, cut off halfway so it cannot be read, comes with a
    /// <c>Content-Type</c> that echoes the presented key (<c>application/x-echo-KEY</c>, a <c>/</c> in it as <c>%2F</c>).
    /// </summary>
    KeyInContentType,

    /// <summary>
    /// The endpoint's answer (committed) with every <c>uptime_seconds</c> set to 9223372036854775807: a
    /// valid JSON integer that no duration can hold, as a server's arithmetic gone wrong might send.
    /// </summary>
    UptimeBeyondAnyDuration,

    /// <summary>
    /// The endpoint runs (a stop or restart is committed), then a gateway in front of the API answers
    /// its own HTML error page (<see cref="FaultPlan.GatewayAfterCommitStatus"/>, default 503, as for an
    /// upstream timeout) instead of the API's answer. A gateway's page is not the API's word.
    /// </summary>
    GatewayPageAfterCommit,

    /// <summary>
    /// The endpoint runs (committed), then the API's own 503 envelope is answered: an API that breaks
    /// its word that a 503 was not processed. A client that sends again must meet the refusal of its
    /// own operation and report it as done, not as a failure.
    /// </summary>
    ServiceUnavailableAfterCommit,
}
