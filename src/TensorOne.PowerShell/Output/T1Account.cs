using TensorOne.Client;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell;

/// <summary>
/// What the session is connected to, as Connect-T1Account and Get-T1Account write it: the endpoint,
/// the kind of key and at most its last four characters, never the key.
/// </summary>
public sealed class T1Account
{
    public Uri? BaseUri { get; set; }

    /// <summary>live, test or unknown (from the key's prefix).</summary>
    public string KeyKind { get; set; } = "unknown";

    /// <summary>The key's last four characters, to tell keys apart; null for keys too short to show any.</summary>
    public string? KeyLastFour { get; set; }

    /// <summary>Connect-T1Account, or Environment (the TENSORONE_API_KEY variable).</summary>
    public string Source { get; set; } = "";

    /// <summary>Process (every runspace sees it) or Runspace (this runspace's own).</summary>
    public string Scope { get; set; } = "";

    /// <summary>Requests left in the API's rate-limit window, as its last answer with this key said; null before any.</summary>
    public int? RequestsRemaining { get; set; }

    public int? RequestLimit { get; set; }

    public DateTimeOffset? LimitResetsAt { get; set; }

    public override string ToString() => $"{BaseUri} ({KeyKind} key)";

    internal static T1Account From(SessionConnection connection, TensorOneClient? client)
    {
        var budget = client?.LastRateLimit;
        return new T1Account
        {
            BaseUri = connection.BaseUri,
            KeyKind = connection.ApiKey.Kind,
            KeyLastFour = connection.ApiKey.LastFour,
            Source = connection.Source == ConnectionSource.Environment ? "Environment" : "Connect-T1Account",
            Scope = connection.Scope.ToString(),
            RequestsRemaining = budget?.Remaining,
            RequestLimit = budget?.Limit,
            LimitResetsAt = budget?.ResetsAt,
        };
    }
}
