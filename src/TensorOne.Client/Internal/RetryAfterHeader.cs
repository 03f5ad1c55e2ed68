using System.Net.Http.Headers;

namespace TensorOne.Client.Internal;

/// <summary>Retry-After in both of its forms: delta seconds and an HTTP date.</summary>
internal static class RetryAfterHeader
{
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
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
