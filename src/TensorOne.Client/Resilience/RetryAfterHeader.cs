using System.Net.Http.Headers;

namespace TensorOne.Client.Resilience;

/// <summary>Retry-After in both of its forms: delta seconds and an HTTP date.</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// The wait the server asked for. A date is measured against the response's own Date header when
    /// it has one, so a client clock that runs ahead of the server's never retries too early.
    /// </summary>
    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value is null)
        {
            return null;
        }

        if (value.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value.Date is { } date)
        {
            var wait = date - (headers.Date ?? now);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
