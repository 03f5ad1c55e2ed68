using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TensorOne.Simulator.Faults;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Injects the faults of <see cref="SimulatorOptions.Faults"/>. It sits inside the recorder and the
/// response headers (so every fault is logged and carries X-Request-Id) and outside authentication and
/// the endpoint (so it can answer instead of them, or spoil the answer they gave).
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, SimulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var plan = options.Faults;
        if (plan.Decide(context.Request.Method, context.Request.Path.Value ?? "") is not { } kind)
        {
            await next(context);
            return;
        }

        context.Features.Set(new InjectedFault(kind));
        switch (kind)
        {
            case FaultKind.ResetBeforeHandler:
                context.Abort();
                return;
            case FaultKind.ResetAfterHandler:
                await RunBufferedAsync(context);
                context.Abort();
                return;
            case FaultKind.RequestTimeout:
                await Answer(context, StatusCodes.Status408RequestTimeout, null);
                return;
            case FaultKind.TooManyRequests:
                context.Features.Set(new RateLimitOverride(plan.LowRateLimitLimit, 0));
                context.Response.Headers.RetryAfter = Seconds(plan.RetryAfter);
                await Answer(context, StatusCodes.Status429TooManyRequests, plan.RetryAfter);
                return;
            case FaultKind.TooManyRequestsHttpDate:
                context.Features.Set(new RateLimitOverride(plan.LowRateLimitLimit, 0));
                SetRetryAfterDate(context, plan.RetryAfter);
                await Answer(context, StatusCodes.Status429TooManyRequests, plan.RetryAfter);
                return;
            case FaultKind.InternalServerError:
                await Answer(context, StatusCodes.Status500InternalServerError, null);
                return;
            case FaultKind.BadGateway:
                await Answer(context, StatusCodes.Status502BadGateway, null);
                return;
            case FaultKind.ServiceUnavailable:
                if (plan.ServiceUnavailableRetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = Seconds(wait);
                }

                await Answer(context, StatusCodes.Status503ServiceUnavailable, plan.ServiceUnavailableRetryAfter);
                return;
            case FaultKind.GatewayTimeout:
                await Answer(context, StatusCodes.Status504GatewayTimeout, null);
                return;
            case FaultKind.EmptyBody:
                await RunBufferedAsync(context);
                context.Response.ContentLength = 0;
                return;
            case FaultKind.MalformedJson:
                var answer = await RunBufferedAsync(context);
                await WriteAsync(context, answer.Length > 1 ? answer[..(answer.Length / 2)] : "{\"data\": "u8.ToArray());
                return;
            case FaultKind.DeepJson:
                await RunBufferedAsync(context);
                await WriteAsync(context, System.Text.Encoding.ASCII.GetBytes(new string('[', 1000) + new string(']', 1000)));
                return;
            case FaultKind.WrongContentType:
                var json = await RunBufferedAsync(context);
                context.Response.ContentType = "text/plain; charset=utf-8";
                await WriteAsync(context, json);
                return;
            case FaultKind.HtmlErrorPage:
                await HtmlErrorPage.WriteAsync(context, plan.HtmlStatus);
                return;
            case FaultKind.HugeBody:
                await RunBufferedAsync(context);
                await WriteHugeAsync(context, plan.HugeBodyBytes);
                return;
            case FaultKind.SlowBeforeHandler:
                // Cancelled with the request: a client that gave up never reaches the endpoint.
                await Task.Delay(plan.SlowDelay, context.RequestAborted);
                await next(context);
                return;
            case FaultKind.SlowAfterHandler:
                var late = await RunBufferedAsync(context);
                await Task.Delay(plan.SlowDelay, context.RequestAborted);
                await WriteAsync(context, late);
                return;
            case FaultKind.LowRateLimit:
                context.Features.Set(new RateLimitOverride(plan.LowRateLimitLimit, plan.LowRateLimitRemaining));
                await next(context);
                return;
            case FaultKind.EchoKeyEscaped:
                await WriteEchoErrorAsync(context);
                return;
            case FaultKind.EchoKeyEscapedInSuccess:
                var plain = await RunBufferedAsync(context);
                await WriteAsync(context, KeyEcho.IntoSuccess(plain, PresentedKey(context)));
                return;
            case FaultKind.KeyInReasonPhrase:
                var said = await RunBufferedAsync(context);
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = "Denied for " + PresentedKey(context);
                await WriteAsync(context, said);
                return;
            case FaultKind.StalledBody:
                await WriteStalledAsync(context, await RunBufferedAsync(context), plan.SlowDelay);
                return;
            case FaultKind.Redirect:
                context.Response.StatusCode = plan.RedirectStatus;
                context.Response.Headers.Location = plan.RedirectLocation.TrimEnd('/') + context.Request.PathBase + context.Request.Path;
                return;
            case FaultKind.AnswerForAnotherId:
            case FaultKind.DuplicateIdKey:
            case FaultKind.OddRow:
                await WriteAsync(context, AnswerFaults.Spoil(kind, await RunBufferedAsync(context), plan));
                return;
            case FaultKind.KeyInContentType:
                var cut = await RunBufferedAsync(context);
                context.Response.Headers.ContentType = AnswerFaults.ContentTypeEchoing(PresentedKey(context));
                await WriteAsync(context, cut[..(cut.Length / 2)]);
                return;
            case FaultKind.UptimeBeyondAnyDuration:
                var text = Encoding.UTF8.GetString(await RunBufferedAsync(context));
                var huge = System.Text.RegularExpressions.Regex.Replace(text, "\"uptime_seconds\"\\s*:\\s*-?\\d+", "\"uptime_seconds\":" + long.MaxValue.ToString(CultureInfo.InvariantCulture));
                await WriteAsync(context, Encoding.UTF8.GetBytes(huge));
                return;
            case FaultKind.GatewayPageAfterCommit:
                await RunBufferedAsync(context);
                await HtmlErrorPage.WriteAsync(context, plan.GatewayAfterCommitStatus);
                return;
            case FaultKind.ServiceUnavailableAfterCommit:
                await RunBufferedAsync(context);
                await Answer(context, StatusCodes.Status503ServiceUnavailable, null);
                return;
            default:
                throw new InvalidOperationException($"Fault {kind} has no behaviour.");
        }
    }

    // What the client presented, echoed back as a careless server would (the fault exists to prove the client masks it).
    private static string PresentedKey(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : header;
    }

    private static async Task WriteEchoErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await WriteAsync(context, KeyEcho.IntoError(PresentedKey(context)));
    }

    private static async Task WriteStalledAsync(HttpContext context, byte[] body, TimeSpan delay)
    {
        context.Response.ContentLength = body.Length;
        var half = body.Length / 2;
        await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(delay, context.RequestAborted);
        await context.Response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted);
    }

    private static Task Answer(HttpContext context, int status, TimeSpan? retryAfter) =>
        ErrorResponses.Injected(context, status, retryAfter).ExecuteAsync(context);

    /// <summary>
    /// Runs authentication and the endpoint with the response body held back, so a fault can decide
    /// what (if anything) the client receives. Status and headers stay as the endpoint set them.
    /// </summary>
    private async Task<byte[]> RunBufferedAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            // Setting the original stream back restores the server's own body feature.
            context.Response.Body = original;
        }

        context.Response.ContentLength = null;
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task WriteHugeAsync(HttpContext context, int size)
    {
        // Valid JSON if read whole, sent chunked so only a capped read protects the client.
        var head = Encoding.UTF8.GetBytes("{\"success\":true,\"data\":{\"id\":\"huge\",\"padding\":\"");
        var tail = "\"}}"u8.ToArray();
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync(head, context.RequestAborted);
            for (var left = Math.Max(0, size - head.Length - tail.Length); left > 0; left -= chunk.Length)
            {
                await body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), context.RequestAborted);
            }

            await body.WriteAsync(tail, context.RequestAborted);
        }
        catch (IOException)
        {
            // The client stopped reading at its cap and closed the connection, as it should.
        }
    }

    private static string Seconds(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    // The date is rounded up to the next whole second and Date is set from the same clock, so a client
    // that computes Retry-After minus Date never waits less than asked.
    private void SetRetryAfterDate(HttpContext context, TimeSpan wait)
    {
        var now = options.TimeProvider.GetUtcNow();
        var at = now + wait;
        var remainder = at.Ticks % TimeSpan.TicksPerSecond;
        var rounded = remainder == 0 ? at : at.AddTicks(TimeSpan.TicksPerSecond - remainder);
        context.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = rounded.ToString("R", CultureInfo.InvariantCulture);
    }
}

/// <summary>The fault the fault stage chose for this request, for the recorder to log.</summary>
internal sealed record InjectedFault(FaultKind Kind)
{
    /// <summary>True when the client was sent nothing at all (the connection was dropped before any answer).</summary>
    public bool AnsweredNothing => Kind is FaultKind.ResetBeforeHandler or FaultKind.ResetAfterHandler;
}
