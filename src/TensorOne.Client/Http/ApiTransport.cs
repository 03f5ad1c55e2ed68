using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Polly.Timeout;
using TensorOne.Client.Models;
using TensorOne.Client.Resilience;
using TensorOne.Client.Secrets;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Http;

/// <summary>
/// The client's HTTP path: one HttpClient, each call held back or sent through the retry pipeline,
/// capped body reads, and request logging that never shows the key.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly TensorOneClientOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly SecretMask _mask;
    private readonly TransportLog _log;
    private readonly RetryPipeline _retry;
    private readonly RateLimitGate _gate;
    private readonly RateLimitObserver _rateLimits;

    public ApiTransport(TensorOneClientOptions options)
    {
        _options = options;
        _mask = new SecretMask(options.ApiKey!.Reveal());
        _log = new TransportLog(options.Log, _mask);
        var baseText = options.BaseUri.AbsoluteUri;
        _base = new Uri(baseText.EndsWith("/", StringComparison.Ordinal) ? baseText : baseText + "/");
        _http = options.Handler is null
            ? new HttpClient(HandlerFactory.Create(options), disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout governs instead
        _retry = new RetryPipeline(options, _log, SendOnceAsync);
        _gate = new RateLimitGate(options, _log);
        _rateLimits = new RateLimitObserver(_mask, _log);
    }

    public RateLimitStatus? LastRateLimit => _rateLimits.Last;

    /// <summary>The writes left in the API's window, as far as its answers said (in-flight writes counted as spent).</summary>
    public int? WritesLeft => _gate.WritesLeft;

    public DateTimeOffset? WriteBudgetResetsAt => _gate.WriteBudgetResetsAt;

    /// <summary>
    /// Sends the call with retries. Returns the final response (an error status included); throws the
    /// client's exception when no usable response came (network, timeout, a body the reader refused).
    /// </summary>
    public async Task<ApiResponse> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var reserved = await _gate.WaitToSendAsync(call, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _retry.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            _gate.NoteLongThrottle(call, response);
            return response;
        }
        catch (TimeoutRejectedException ex) when (call.DeadlinePassed)
        {
            // The deadline cut a wait (backoff, Retry-After) or an attempt on its way; the attempt judged itself.
            throw TransportFailure.DeadlineFailure(call, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw TransportFailure.AttemptTimedOut(call, _options.AttemptTimeout, ex);
        }
        catch (Exception ex) when (TransportFailure.IsNetworkFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw TransportFailure.Unreachable(call, _base, _mask, ex);
        }
        finally
        {
            if (reserved)
            {
                _gate.ReleaseWrite();
            }
        }
    }

    public void Dispose() => _http.Dispose();

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

        _log.Write(ClientLogLevel.Debug, () => RequestLine(request, call));
        var started = Stopwatch.StartNew();
        using var stall = _options.Log is { } log
            ? new StallNotice(_options.TimeProvider, _options.StallNoticeInterval, call.Method + " " + call.PathForMessages, m => log(ClientLogLevel.Verbose, m))
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
            if (!call.IsRead)
            {
                call.Judge(WriteAnswer.Transport(TransportFailure.WriteEnd(call, ex)));
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
        _rateLimits.Observe(response.Headers, result.ReceivedAt);
        if (!call.IsRead)
        {
            _gate.ObserveWriteAnswer(result);
        }

        _log.Write(ClientLogLevel.Debug, () => string.Format(
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
}
