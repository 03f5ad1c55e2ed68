using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Puts X-Request-Id, Date and the X-RateLimit-* headers on every answer. They are added when the response
/// starts, so an exception handler that clears the response does not lose them, and a fault that wants
/// other rate-limit numbers (a low budget, an exhausted one with a 429) says so with a <see cref="RateLimitOverride"/>.
/// </summary>
internal sealed class ResponseHeadersMiddleware(RequestDelegate next, RateLimitWindow rateLimit, WriteBudgetWindow writes, SimulatorOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var requestId = ApiRequestContext.Of(context).RequestId;

        // Writes are counted apart from reads, as the API's quotas are; a set WriteLimit counts them itself.
        var quota = !HttpMethods.IsPost(context.Request.Method) ? rateLimit.Consume()
            : options.WriteLimit is null ? writes.Count()
            : rateLimit.Current();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var forced = context.Features.Get<RateLimitOverride>();
            headers["X-Request-Id"] = requestId;
            headers["X-RateLimit-Limit"] = (forced?.Limit ?? quota.Limit).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = (forced?.Remaining ?? quota.Remaining).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = quota.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Window"] = quota.WindowSeconds.ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(headers.Date))
            {
                // The simulator's own clock (which a test may fake), as the timestamps in the bodies are.
                headers.Date = options.TimeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
