using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TensorOne.Client.Models;

namespace TensorOne.Client.Internal;

/// <summary>
/// The client's HTTP path: one HttpClient, a Polly pipeline (retry with backoff and Retry-After
/// around a per-attempt timeout), capped body reads, and request logging that never shows the key.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly ResiliencePropertyKey<ApiCall> CallKey = new("tensorone.call");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly TensorOneClientOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly ResiliencePipeline<ApiResponse> _pipeline;
    private RateLimitStatus? _lastRateLimit;

    public ApiTransport(TensorOneClientOptions options)
    {
        _options = options;
        var baseText = options.BaseUri.AbsoluteUri;
        _base = new Uri(baseText.EndsWith("/", StringComparison.Ordinal) ? baseText : baseText + "/");
        _http = options.Handler is null
            ? new HttpClient(HandlerFactory.Create(options), disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout governs instead
        _pipeline = BuildPipeline(options);
    }

    public RateLimitStatus? LastRateLimit => Volatile.Read(ref _lastRateLimit);

    public async Task<ApiResponse> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Transport.SendOnceAsync(state.Call, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Transport: this, Call: call)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TensorOneRequestFailedException(
                TensorOneFailureKind.Timeout, 0, "TIMEOUT",
                $"The API did not answer {call.Method} {call.RelativePath} within {_options.AttemptTimeout.TotalSeconds:0.#} seconds, after {_options.MaxRetryAttempts + 1} attempts at most",
                clusterId: call.ClusterId, innerException: ex);
        }
        catch (Exception ex) when (IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new TensorOneRequestFailedException(
                TensorOneFailureKind.Network, 0, "NETWORK_ERROR",
                $"Could not reach the API at {_base.Host}: {Innermost(ex).Message}",
                clusterId: call.ClusterId, innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendOnceAsync(ApiCall call, CancellationToken cancellationToken)
    {
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
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        Log(ClientLogLevel.Debug, () => RequestLine(request, call));
        var started = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await ReadCappedAsync(response, call, cancellationToken).ConfigureAwait(false);
        var result = new ApiResponse((int)response.StatusCode, response.Content?.Headers.ContentType?.MediaType, body, response.Headers);
        NoteRateLimit(response.Headers);
        Log(ClientLogLevel.Debug, () => string.Format(
            CultureInfo.InvariantCulture,
            "HTTP {0} {1} in {2} ms ({3} bytes{4})",
            result.Status,
            response.ReasonPhrase,
            started.ElapsedMilliseconds,
            body.Length,
            result.HeaderRequestId is { } id ? ", request id " + id : ""));
        return result;
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, ApiCall call, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return Array.Empty<byte>();
        }

        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(response, call, declared);
        }

        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(response, call, null);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private TensorOneRequestFailedException TooLarge(HttpResponseMessage response, ApiCall call, long? declared) =>
        new(
            TensorOneFailureKind.InvalidResponse,
            (int)response.StatusCode,
            "INVALID_RESPONSE",
            $"The API's response to {call.Method} {call.RelativePath} is larger than the {_options.MaxResponseBytes / 1024} KiB the client accepts" + (declared is { } d ? $" ({d / 1024} KiB declared)" : ""),
            clusterId: call.ClusterId);

    private ResiliencePipeline<ApiResponse> BuildPipeline(TensorOneClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfter > TimeSpan.FromSeconds(30) ? options.MaxRetryAfter : TimeSpan.FromSeconds(30),
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay(args.Outcome)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    if (IsAmbiguous(args.Outcome))
                    {
                        call.NoteAmbiguousFailure();
                    }

                    Log(ClientLogLevel.Verbose, () => string.Format(
                        CultureInfo.InvariantCulture,
                        "Retrying {0} {1} in {2:0.0} s after {3} (attempt {4} of {5}).",
                        call.Method,
                        call.RelativePath,
                        args.RetryDelay.TotalSeconds,
                        Describe(args.Outcome),
                        args.AttemptNumber + 2,
                        options.MaxRetryAttempts + 1));
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<ApiResponse> outcome, ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallKey, null!);
        if (outcome.Exception is { } exception)
        {
            if (!IsNetworkFailure(exception) && exception is not TimeoutRejectedException)
            {
                return false;
            }

            return call.RetryMode == RetryMode.Transient || IsConnectionRefused(exception);
        }

        var response = outcome.Result!;
        if (ServerRequestedDelay(outcome) is { } wait && wait > _options.MaxRetryAfter)
        {
            // Waiting would outlast what the caller allows: fail now and say when to retry.
            return false;
        }

        return response.Status switch
        {
            429 or 503 => true,
            408 or 500 or 502 or 504 => call.RetryMode == RetryMode.Transient,
            _ => false,
        };
    }

    private TimeSpan? ServerRequestedDelay(Outcome<ApiResponse> outcome) =>
        outcome.Result is { Status: 429 or 503 } response
            ? RetryAfterHeader.Read(response.Headers, _options.TimeProvider.GetUtcNow())
            : null;

    private static bool IsAmbiguous(Outcome<ApiResponse> outcome) =>
        outcome.Exception is { } ex
            ? !IsConnectionRefused(ex)
            : outcome.Result!.Status is 408 or 500 or 502 or 504;

    private static string Describe(Outcome<ApiResponse> outcome) =>
        outcome.Exception is { } ex
            ? ex is TimeoutRejectedException ? "a timeout" : "a network failure (" + Innermost(ex).Message + ")"
            : "HTTP " + outcome.Result!.Status.ToString(CultureInfo.InvariantCulture);

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

    private void NoteRateLimit(HttpResponseHeaders headers)
    {
        var limit = ReadInt(headers, "X-RateLimit-Limit");
        var remaining = ReadInt(headers, "X-RateLimit-Remaining");
        if (limit is null && remaining is null)
        {
            return;
        }

        var reset = ReadLong(headers, "X-RateLimit-Reset");
        var status = new RateLimitStatus
        {
            Limit = limit,
            Remaining = remaining,
            ResetsAt = reset is { } seconds && seconds > 0 && seconds < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            Window = headers.TryGetValues("X-RateLimit-Window", out var window) ? window.FirstOrDefault() : null,
        };
        Volatile.Write(ref _lastRateLimit, status);
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? ReadLong(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void Log(ClientLogLevel level, Func<string> message)
    {
        if (_options.Log is { } log)
        {
            log(level, message());
        }
    }
}
