namespace TensorOne.Client;

/// <summary>How a <see cref="TensorOneClient"/> reaches the API. Validated when the client is built.</summary>
public sealed class TensorOneClientOptions
{
    public Uri BaseUri { get; set; } = BaseUriPolicy.DefaultBaseUri;

    public ApiKey? ApiKey { get; set; }

    /// <summary>An outgoing handler to use instead of the client's own (a proxy setup, say). The client does not dispose it.</summary>
    public HttpMessageHandler? Handler { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Connections allowed to the API host at once. .NET Framework defaults to two per host, which would
    /// serialize a batch; the cmdlets set this to their throttle limit.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = 32;

    /// <summary>The time one attempt may take before it is abandoned and, where safe, retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One deadline for a whole operation: every attempt, backoff, Retry-After and the read-back that
    /// checks a write whose answer was lost. Two minutes suits someone waiting at a prompt; a call may
    /// ask for another (a stop or restart request's <c>OperationTimeout</c>).
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a request that gets no answer (or a body that stops coming) is said on the log at Verbose.</summary>
    public TimeSpan StallNoticeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt, for transient failures only.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>
    /// After a write whose answer did not say what became of it, how many times the cluster is read to
    /// confirm the write took hold. Reads may lag writes, so one read of the old state proves nothing.
    /// </summary>
    public int ReadBackAttempts { get; set; } = 3;

    /// <summary>The time between those reads: about how long a replica may lag the writes it serves.</summary>
    public TimeSpan ReadBackInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After the client waits out; a longer one fails at once with the time to retry.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Responses larger than this are refused rather than buffered.</summary>
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    public string UserAgent { get; set; } = "TensorOne-PowerShell/0.1";

    /// <summary>Diagnostics (request lines, retries, rate-limit budget). Never carries the key. Called on any thread.</summary>
    public Action<ClientLogLevel, string>? Log { get; set; }

    /// <summary>
    /// Strategies added inside the per-attempt timeout, around each single attempt. Internal: tests put
    /// Polly's chaos strategies here to fault attempts without a server.
    /// </summary>
    internal Action<Polly.ResiliencePipelineBuilder<Http.ApiResponse>>? AddAttemptStrategies { get; set; }

    /// <summary>
    /// Sets <see cref="TimeProvider"/> from a clock that may come from another load context (the
    /// hosted module's test clock, handed over as an object because the two contexts' TimeProvider
    /// types differ). A test seam: the module calls it only for an endpoint an engine-hosted test put on
    /// its fake clock; otherwise <see cref="TimeProvider"/> stays <see cref="System.TimeProvider.System"/>.
    /// </summary>
    internal void UseClock(object clock) => TimeProvider = BorrowedClock.From(clock);

    /// <summary>Counts this client's attempts, for a test that must not move its clock while one is out. A test seam, like <see cref="UseClock"/>.</summary>
    internal Resilience.AttemptTally? AttemptTally { get; set; }

    internal void Validate()
    {
        BaseUriPolicy.Validate(BaseUri);
        if (ApiKey is null)
        {
            throw new ArgumentException("No API key was given.", nameof(ApiKey));
        }

        if (MaxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerServer), MaxConnectionsPerServer, "At least one connection is needed.");
        }

        if (ReadBackAttempts < 1 || ReadBackInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadBackAttempts), ReadBackAttempts, "A write whose answer was lost is read back at least once, at a non-negative interval.");
        }

        if (MaxRetryAttempts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "The retry count cannot be negative.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "The attempt timeout must be positive.");
        }

        if (OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OperationTimeout), OperationTimeout, "The operation timeout must be positive.");
        }

        if (StallNoticeInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StallNoticeInterval), StallNoticeInterval, "The stall notice interval must be positive.");
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "The retry delay cannot be negative.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "The longest Retry-After to wait cannot be negative.");
        }

        if (MaxResponseBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "The response size cap must be positive.");
        }
    }
}
