using System.Globalization;
using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// The documented per-hour write quota (20 on the free tier), when <see cref="SimulatorOptions.WriteLimit"/>
/// sets one: each POST spends one write and its answer says what is left; once none is, POSTs are
/// refused with 429, <c>X-RateLimit-Remaining: 0</c> and a Retry-After until the window resets, as the
/// real API does. Reads are not counted here (their own window is far larger).
/// </summary>
internal sealed class WriteBudgetMiddleware(RequestDelegate next, SimulatorOptions options, WriteBudgetWindow window)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.WriteLimit is not { } limit || !HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        var (granted, remaining, resetsIn) = window.TrySpend(limit);
        context.Features.Set(new RateLimitOverride(limit, remaining));
        if (granted)
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = Math.Ceiling(resetsIn.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await ErrorResponses.Injected(context, StatusCodes.Status429TooManyRequests, resetsIn).ExecuteAsync(context);
    }
}

/// <summary>Counts writes in an hourly window, on the simulator's clock, apart from reads (the API counts them apart).</summary>
internal sealed class WriteBudgetWindow(TimeProvider clock)
{
    /// <summary>The documented enterprise write quota: what POST answers report when no <see cref="SimulatorOptions.WriteLimit"/> is set. Never enforced.</summary>
    public const int NominalLimit = 2000;

    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = clock.GetUtcNow();
    private int _used;

    /// <summary>Counts a write against <see cref="NominalLimit"/> without refusing it: headers that move like the real ones.</summary>
    public RateLimitStatus Count()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Roll(now);
            _used++;
            var reset = _windowStart.AddSeconds(RateLimitWindow.WindowSeconds).ToUnixTimeSeconds();
            return new RateLimitStatus(NominalLimit, Math.Max(0, NominalLimit - _used), reset, RateLimitWindow.WindowSeconds);
        }
    }

    public (bool Granted, int Remaining, TimeSpan ResetsIn) TrySpend(int limit)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Roll(now);
            var resetsIn = _windowStart.AddSeconds(RateLimitWindow.WindowSeconds) - now;
            if (_used >= limit)
            {
                return (false, 0, resetsIn);
            }

            _used++;
            return (true, limit - _used, resetsIn);
        }
    }

    private void Roll(DateTimeOffset now)
    {
        if (now >= _windowStart.AddSeconds(RateLimitWindow.WindowSeconds))
        {
            _windowStart = now;
            _used = 0;
        }
    }
}
