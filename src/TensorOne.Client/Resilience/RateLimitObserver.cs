using System.Globalization;
using System.Net.Http.Headers;
using TensorOne.Client.Http;
using TensorOne.Client.Models;
using TensorOne.Client.Secrets;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Resilience;

/// <summary>
/// Reads the API's X-RateLimit-* headers from every answer: keeps the last status for the caller, and
/// says once per window when the budget is nearly spent.
/// </summary>
internal sealed class RateLimitObserver(SecretMask mask, TransportLog log)
{
    private readonly SecretMask _mask = mask;
    private readonly TransportLog _log = log;
    private RateLimitStatus? _last;
    private long _lowBudgetWindowNoted = long.MinValue;

    public RateLimitStatus? Last => Volatile.Read(ref _last);

    public void Observe(HttpResponseHeaders headers, DateTimeOffset now)
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
            ResetsAt = ResetsAt(headers, now),
            Window = headers.TryGetValues("X-RateLimit-Window", out var window) ? ErrorParser.Clip(_mask.Apply(window.FirstOrDefault()), 32) : null,
        };
        Volatile.Write(ref _last, status);
        NoteLowBudget(status);
    }

    /// <summary>X-RateLimit-Remaining, clamped to an int; null when absent or not a number.</summary>
    public static int? Remaining(HttpResponseHeaders headers) => Narrow(ReadLong(headers, "X-RateLimit-Remaining"));

    /// <summary>When the window resets, from X-RateLimit-Reset.</summary>
    public static DateTimeOffset? ResetsAt(HttpResponseHeaders headers, DateTimeOffset now) => ResetTime(ReadLong(headers, "X-RateLimit-Reset"), now);

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

        _log.Write(ClientLogLevel.Verbose, () => $"The API rate limit is running low: {status}. Requests beyond it are refused with HTTP 429 until the window resets.");
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
}
