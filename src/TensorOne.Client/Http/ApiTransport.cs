using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TensorOne.Client.Models;
using TensorOne.Client.Resilience;
using TensorOne.Client.Secrets;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Http;

/// <summary>
/// The client's HTTP path: one HttpClient, a Polly pipeline (retry with backoff and Retry-After
/// around a per-attempt timeout), capped body reads, and request logging that never shows the key.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    // Computed backoff never grows past this; a server's Retry-After is bounded by MaxRetryAfter instead.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly ResiliencePropertyKey<ApiCall> CallKey = new("tensorone.call");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly TensorOneClientOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly ResiliencePipeline<ApiResponse> _pipeline;
    private readonly SecretMask _mask;
    private readonly ThrottleGate _throttle = new();
    private readonly WriteBudget _writeBudget = new();
    private RateLimitStatus? _lastRateLimit;
    private long _lowBudgetWindowNoted = long.MinValue;

    public ApiTransport(TensorOneClientOptions options)
    {
        _options = options;
        _mask = new SecretMask(options.ApiKey!.Reveal());
        var baseText = options.BaseUri.AbsoluteUri;
        _base = new Uri(baseText.EndsWith("/", StringComparison.Ordinal) ? baseText : baseText + "/");
        _http = options.Handler is null
            ? new HttpClient(HandlerFactory.Create(options), disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout governs instead
        _pipeline = BuildPipeline(options);
    }

    public RateLimitStatus? LastRateLimit => Volatile.Read(ref _lastRateLimit);

    /// <summary>
    /// Sends the call with retries. Returns the final response (an error status included); throws the
    /// client's exception when no usable response came (network, timeout, a body the reader refused).
    /// </summary>
    public async Task<ApiResponse> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        if (_throttle.BlockedUntil(!call.IsRead, now) is { } until)
        {
            throw StillThrottled(call, now, until);
        }

        if (call.Remaining(now) is { } left && left <= TimeSpan.Zero)
        {
            throw DeadlineFailure(call, null);
        }

        var reserved = !call.IsRead && await ReserveWriteAsync(call, cancellationToken).ConfigureAwait(false);
        if (reserved)
        {
            // The wait for the budget may have outlasted a throttle another request met, or this
            // operation's deadline: then the write is not sent at all, and says so.
            now = _options.TimeProvider.GetUtcNow();
            var refusal = _throttle.BlockedUntil(true, now) is { } blockedUntil ? StillThrottled(call, now, blockedUntil)
                : call.Remaining(now) is { } rest && rest <= TimeSpan.Zero ? NotSentBeforeDeadline(call)
                : null;
            if (refusal is not null)
            {
                _writeBudget.Release();
                throw refusal;
            }
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Transport.SendOnceAsync(state.Call, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Transport: this, Call: call)).ConfigureAwait(false);
            NoteLongThrottle(call, response);
            return response;
        }
        catch (TimeoutRejectedException ex) when (call.DeadlinePassed)
        {
            // The deadline cut a wait (backoff, Retry-After) or an attempt on its way; the attempt judged itself.
            throw DeadlineFailure(call, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TensorOneRequestFailedException(
                TensorOneFailureKind.Timeout, 0, "TIMEOUT",
                $"The API did not answer {call.Method} {Path(call)} within {_options.AttemptTimeout.TotalSeconds:0.#} seconds ({Attempts(call)})",
                clusterId: call.ClusterId, innerException: ex);
        }
        catch (Exception ex) when (IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            var why = IsConnectionRefused(ex) ? "nothing is listening there (connection refused); check the base URI" : FinalFailure.Describe(ex) ?? _mask.Apply(Innermost(ex).Message);
            throw new TensorOneRequestFailedException(
                TensorOneFailureKind.Network, 0, "NETWORK_ERROR",
                $"Could not reach the API at {_base.Host}:{_base.Port} for {call.Method} {Path(call)}: {why} ({Attempts(call)})",
                clusterId: call.ClusterId, innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (reserved)
            {
                _writeBudget.Release();
            }
        }
    }

    /// <summary>The writes left in the API's window, as far as its answers said (in-flight writes counted as spent).</summary>
    public int? WritesLeft => _writeBudget.Left;

    public DateTimeOffset? WriteBudgetResetsAt => _writeBudget.ResetsAt;

    /// <summary>
    /// Takes a write from the budget. While writes in flight hold what is left, waits for their answers;
    /// a budget that is empty for longer than the client would wait for a Retry-After refuses the write at
    /// once, unsent, naming the reset; a shorter gap is waited out.
    /// </summary>
    private async Task<bool> ReserveWriteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _options.TimeProvider.GetUtcNow();
            switch (_writeBudget.TryReserve(now, out var until, out var changed))
            {
                case WriteBudget.Verdict.Granted:
                    return true;
                case WriteBudget.Verdict.Full:
                    // Waits for the writes in flight to answer, but never past this operation's deadline.
                    if (call.Remaining(now) is { } remaining)
                    {
                        if (remaining <= TimeSpan.Zero)
                        {
                            throw NotSentBeforeDeadline(call);
                        }

                        try
                        {
                            await changed.WaitAsync(remaining, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TimeoutException)
                        {
                            // The deadline passed first: said on the next turn, unsent.
                        }
                    }
                    else
                    {
                        await WaitAsync(changed, cancellationToken).ConfigureAwait(false);
                    }

                    // A cancelled caller leaves; a passed deadline is said on the next turn.
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                default:
                    // A window that reopens after the operation's deadline is as good as closed: say so now.
                    if (until - now > _options.MaxRetryAfter || (call.Remaining(now) is { } left && until - now > left))
                    {
                        throw BudgetSpent(call, now, until);
                    }

                    await _options.TimeProvider.Delay(until - now, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Waits for the signal or the token, without throwing: the caller checks the token.</summary>
    private static async Task WaitAsync(Task signal, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            await Task.WhenAny(signal, cancelled.Task).ConfigureAwait(false);
        }
    }

    private TensorOneRequestFailedException NotSentBeforeDeadline(ApiCall call) =>
        DeadlineFailure(call, null, "while it waited for the writes in flight to free the API's write budget; it was not sent");

    private TensorOneRequestFailedException BudgetSpent(ApiCall call, DateTimeOffset now, DateTimeOffset until)
    {
        var details = new Dictionary<string, string> { ["suggestion"] = ErrorParser.Suggest("RATE_LIMIT_EXCEEDED")! };
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.ApiError,
            429,
            "RATE_LIMIT_EXCEEDED",
            $"The API's write budget for this window is used up (X-RateLimit-Remaining: 0 for the writes already sent), so {call.Method} {Path(call)} was not sent",
            details: details,
            clusterId: call.ClusterId,
            retryAfter: until - now,
            retryAt: until)
        {
            NotSent = true,
        };
    }

    public void Dispose() => _http.Dispose();

    private TensorOneRequestFailedException DeadlineFailure(ApiCall call, Exception? inner, string? notSentBecause = null)
    {
        var budget = call.Budget is { } b ? b.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "its";
        var how = notSentBecause is null ? $"({Attempts(call)})" : notSentBecause;
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.Timeout, 0, "TIMEOUT",
            $"{call.Method} {Path(call)} did not finish within the operation's deadline of {budget} {how}",
            clusterId: call.ClusterId, innerException: inner)
        {
            NotSent = notSentBecause is not null,
        };
    }

    private async Task<ApiResponse> SendOnceAsync(ApiCall call, CancellationToken cancellationToken)
    {
        call.NoteAttempt();
        using var request = new HttpRequestMessage(call.Method, new Uri(_base, call.RelativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey!.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        if (call.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", call.IdempotencyKey);
        }

        if (call.Body is not null)
        {
            request.Content = new SentNotifyingContent(call.Body, call.NoteWritten);
            request.Content.Headers.ContentType = JsonContentType;
        }

        Log(ClientLogLevel.Debug, () => RequestLine(request, call));
        var started = Stopwatch.StartNew();
        using var stall = _options.Log is { } log
            ? new StallNotice(_options.TimeProvider, _options.StallNoticeInterval, call.Method + " " + Path(call), m => log(ClientLogLevel.Verbose, m))
            : null;
        HttpResponseMessage? response = null;
        byte[] body;
        int? refusedOver;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            stall?.HeadersArrived();
            (body, refusedOver) = await ReadCappedAsync(response, stall, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException)
            {
                call.NoteAttemptCut();
            }

            if (!call.IsRead)
            {
                call.Judge(WriteAnswer.Transport(TransportEnd(call, ex)));
            }

            response?.Dispose();
            throw;
        }

        using var disposeResponse = response;
        var result = new ApiResponse(
            (int)response.StatusCode,
            response.Content?.Headers.ContentType?.MediaType,
            _mask.Apply(body),
            response.Headers,
            _options.TimeProvider.GetUtcNow(),
            null,
            refusedOver,
            _mask);
        result.HeaderRequestId = result.Header("X-Request-Id", ErrorParser.MaxRequestIdLength);
        NoteRateLimit(response.Headers, result.ReceivedAt);
        if (!call.IsRead)
        {
            var retryAt = result.Status == 429 && RetryAfterHeader.Read(response.Headers, result.ReceivedAt) is { } wait ? result.ReceivedAt + wait : (DateTimeOffset?)null;
            _writeBudget.Observe(Narrow(ReadLong(response.Headers, "X-RateLimit-Remaining")), ResetTime(ReadLong(response.Headers, "X-RateLimit-Reset"), result.ReceivedAt), retryAt);
        }
        Log(ClientLogLevel.Debug, () => string.Format(
            CultureInfo.InvariantCulture,
            "HTTP {0} {1} in {2} ms ({3}{4})",
            result.Status,
            _mask.Apply(response.ReasonPhrase),
            started.ElapsedMilliseconds,
            result.DescribeBody(),
            result.HeaderRequestId is { } id ? ", request id " + id : ""));
        try
        {
            if (result.IsSuccess && call.Reader is { } reader)
            {
                result.Parsed = reader(result);
            }
        }
        catch (TensorOneRequestFailedException) when (!call.IsRead)
        {
            call.Judge(WriteAnswer.Http(result.Status, readable: false));
            throw;
        }

        if (!call.IsRead)
        {
            call.Judge(WriteAnswer.Http(result.Status, fromApi: !result.IsSuccess && ErrorParser.IsApiErrorEnvelope(result)));
        }

        return result;
    }

    /// <summary>Reads the body up to the cap; a body over it is refused (and the connection dropped), never buffered.</summary>
    private async Task<(byte[] Body, int? RefusedOver)> ReadCappedAsync(HttpResponseMessage response, StallNotice? stall, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return (Array.Empty<byte>(), null);
        }

        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            return (Array.Empty<byte>(), limit);
        }

        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (Array.Empty<byte>(), limit);
            }

            buffer.Write(chunk, 0, read);
            stall?.BodyRead(buffer.Length);
        }

        return (buffer.ToArray(), null);
    }

    private ResiliencePipeline<ApiResponse> BuildPipeline(TensorOneClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = options.TimeProvider };

        // Outermost: the call's deadline bounds attempts, backoff and Retry-After together.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                return new ValueTask<TimeSpan>(call.Remaining(options.TimeProvider.GetUtcNow()) is { } left
                    ? (left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1))
                    : Timeout.InfiniteTimeSpan);
            },
            OnTimeout = args =>
            {
                args.Context.Properties.GetValue(CallKey, null!).DeadlinePassed = true;
                return default;
            },
        });
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = MaxBackoff,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                // Polly applies MaxDelay to its own backoff only; a Retry-After replaces it as it stands.
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay(args.Outcome)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    Log(ClientLogLevel.Verbose, () => string.Format(
                        CultureInfo.InvariantCulture,
                        "Retrying {0} {1} in {2:0.0} s after {3} (attempt {4} of {5}).",
                        call.Method,
                        Path(call),
                        args.RetryDelay.TotalSeconds,
                        Describe(args.Outcome),
                        args.AttemptNumber + 2,
                        options.MaxRetryAttempts + 1));
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        options.AddAttemptStrategies?.Invoke(builder);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<ApiResponse> outcome, ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallKey, null!);
        if (!call.IsRead)
        {
            return ShouldSendWriteAgain(outcome, call);
        }

        if (outcome.Exception is { } exception)
        {
            if (exception is TensorOneRequestFailedException { Kind: TensorOneFailureKind.InvalidResponse })
            {
                // A 2xx whose body could not be read (a proxy cut it short): a read is simply asked again.
                return !FinalFailure.Is(exception);
            }

            if (!IsNetworkFailure(exception) && exception is not TimeoutRejectedException || FinalFailure.IsCertificateRefused(exception))
            {
                return false;
            }

            if (IsConnectionRefused(exception))
            {
                // Nothing listens there: one quick second try covers a server restarting; more only delays the news.
                return call.Attempts < 2;
            }

            return true;
        }

        return !RequestedDelayTooLong(outcome, call) && outcome.Result!.Status is 429 or 503 or 408 or 500 or 502 or 504;
    }

    // Only what write safety allows: a write that provably never reached the API, or that the API said it did not process.
    private bool ShouldSendWriteAgain(Outcome<ApiResponse> outcome, ApiCall call)
    {
        if (call.LastDecision != WriteDecision.SendAgain
            || RequestedDelayTooLong(outcome, call)
            || outcome.Exception is { } failure && !IsNetworkFailure(failure) && failure is not TimeoutRejectedException)
        {
            return false;
        }

        // Nothing listens there: one quick second try covers a server restarting; more only delays the news.
        return outcome.Exception is not { } exception || !IsConnectionRefused(exception) || call.Attempts < 2;
    }

    // Waiting as the server asked would outlast what the caller allows: fail now and say when to retry.
    private bool RequestedDelayTooLong(Outcome<ApiResponse> outcome, ApiCall call) =>
        ServerRequestedDelay(outcome) is { } wait
        && (wait > _options.MaxRetryAfter || call.Remaining(_options.TimeProvider.GetUtcNow()) is { } left && wait > left);

    private static WriteTransportEnd TransportEnd(ApiCall call, Exception exception) =>
        IsConnectionRefused(exception) ? WriteTransportEnd.ConnectionRefused
        : FinalFailure.IsCertificateRefused(exception) ? WriteTransportEnd.CertificateRefused
        : !call.WrittenThisAttempt ? WriteTransportEnd.FailedBeforeWritten
        : exception is OperationCanceledException ? WriteTransportEnd.TimedOutAfterWritten
        : WriteTransportEnd.LostAfterWritten;

    private TimeSpan? ServerRequestedDelay(Outcome<ApiResponse> outcome) =>
        outcome.Result is { Status: 429 or 503 } response
            ? RetryAfterHeader.Read(response.Headers, response.ReceivedAt)
            : null;

    private void NoteLongThrottle(ApiCall call, ApiResponse response)
    {
        if (response.Status == 429 && RetryAfterHeader.Read(response.Headers, response.ReceivedAt) is { } wait && wait > _options.MaxRetryAfter)
        {
            _throttle.Block(!call.IsRead, response.ReceivedAt + wait);
            Log(ClientLogLevel.Verbose, () => string.Format(
                CultureInfo.InvariantCulture,
                "The API refused {0} with HTTP 429 and asked to wait {1:0} s, longer than the client waits ({2:0} s); further {3} fail at once until {4:u}.",
                Path(call),
                wait.TotalSeconds,
                _options.MaxRetryAfter.TotalSeconds,
                call.IsRead ? "reads" : "writes",
                (response.ReceivedAt + wait).ToUniversalTime()));
        }
    }

    private TensorOneRequestFailedException StillThrottled(ApiCall call, DateTimeOffset now, DateTimeOffset until)
    {
        var details = new Dictionary<string, string> { ["suggestion"] = ErrorParser.Suggest("RATE_LIMIT_EXCEEDED")! };
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.ApiError,
            429,
            "RATE_LIMIT_EXCEEDED",
            $"The API's rate limit for {(call.IsRead ? "reads" : "writes")} is used up; it refused an earlier request and asked the client to wait, so {call.Method} {Path(call)} was not sent",
            details: details,
            clusterId: call.ClusterId,
            retryAfter: until - now,
            retryAt: until)
        {
            NotSent = true,
        };
    }

    private static string Attempts(ApiCall call) => call.Attempts == 1 ? "1 attempt" : call.Attempts.ToString(CultureInfo.InvariantCulture) + " attempts";

    private static string Describe(Outcome<ApiResponse> outcome) =>
        outcome.Exception switch
        {
            null => "HTTP " + outcome.Result!.Status.ToString(CultureInfo.InvariantCulture),
            TimeoutRejectedException => "a timeout",
            TensorOneRequestFailedException failure => "an unreadable answer (" + failure.ApiMessage + ")",
            var ex => "a network failure (" + Innermost(ex).Message + ")",
        };

    private static bool IsNetworkFailure(Exception exception) => exception is HttpRequestException or IOException or SocketException;

    private static bool IsConnectionRefused(Exception exception)
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

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    // The path without its query, for messages: short, and the same for every attempt.
    private static string Path(ApiCall call)
    {
        var query = call.RelativePath.IndexOf('?');
        return query < 0 ? call.RelativePath : call.RelativePath.Substring(0, query);
    }

    private static string RequestLine(HttpRequestMessage request, ApiCall call)
    {
        // Headers come from an allow-list; Authorization is always masked.
        var line = $"{request.Method} {request.RequestUri} (Authorization: Bearer ***";
        if (call.IdempotencyKey is not null)
        {
            line += ", Idempotency-Key: " + call.IdempotencyKey;
        }

        if (call.Body is not null)
        {
            line += ", body " + call.Body.Length.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        return line + ")";
    }

    private void NoteRateLimit(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var limit = ReadLong(headers, "X-RateLimit-Limit");
        var remaining = ReadLong(headers, "X-RateLimit-Remaining");
        if (limit is null && remaining is null)
        {
            return;
        }

        var status = new RateLimitStatus
        {
            Limit = Narrow(limit),
            Remaining = Narrow(remaining),
            ResetsAt = ResetTime(ReadLong(headers, "X-RateLimit-Reset"), now),
            Window = headers.TryGetValues("X-RateLimit-Window", out var window) ? ErrorParser.Clip(_mask.Apply(window.FirstOrDefault()), 32) : null,
        };
        Volatile.Write(ref _lastRateLimit, status);
        NoteLowBudget(status);
    }

    /// <summary>Says once per rate-limit window that the budget is nearly spent, before the 429s start.</summary>
    private void NoteLowBudget(RateLimitStatus status)
    {
        if (status is not { Remaining: { } remaining, Limit: { } limit } || limit <= 0 || remaining > Math.Max(1, limit / 10))
        {
            return;
        }

        // Keyed by the reset time to the minute: a reset sent as "seconds from now" drifts by a second or two per answer.
        var window = (status.ResetsAt?.UtcTicks ?? 0) / TimeSpan.TicksPerMinute;
        if (Interlocked.Exchange(ref _lowBudgetWindowNoted, window) == window)
        {
            return;
        }

        Log(ClientLogLevel.Verbose, () => $"The API rate limit is running low: {status}. Requests beyond it are refused with HTTP 429 until the window resets.");
    }

    // X-RateLimit-Reset is Unix seconds in the documented API; some gateways send seconds from now instead.
    private static DateTimeOffset? ResetTime(long? value, DateTimeOffset now)
    {
        const long PlausibleEpoch = 1_000_000_000; // 2001-09-09: anything smaller is a delta, not a date
        const long LastEpoch = 253_402_300_799; // 9999-12-31
        return value switch
        {
            null or <= 0 => null,
            < PlausibleEpoch => now.AddSeconds(value.Value),
            <= LastEpoch => DateTimeOffset.FromUnixTimeSeconds(value.Value),
            _ => null,
        };
    }

    private static int? Narrow(long? value) => value is { } v ? (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, v)) : null;

    private static long? ReadLong(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void Log(ClientLogLevel level, Func<string> message)
    {
        if (_options.Log is { } log)
        {
            log(level, _mask.Apply(message())!); // every line, whatever it quotes (an inner exception's message, a header)
        }
    }
}
