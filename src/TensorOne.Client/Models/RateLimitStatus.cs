namespace TensorOne.Client.Models;

/// <summary>The budget the API reported in its last X-RateLimit-* headers.</summary>
public sealed class RateLimitStatus
{
    public int? Limit { get; init; }

    public int? Remaining { get; init; }

    public DateTimeOffset? ResetsAt { get; init; }

    public string? Window { get; init; }

    public override string ToString()
    {
        var text = $"{Remaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of {Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} requests left";
        return ResetsAt is { } at ? $"{text}; the window resets at {at.ToUniversalTime():u}" : text;
    }
}
