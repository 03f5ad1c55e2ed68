using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell;

/// <summary>
/// A connection for one call (Connect-T1Account -PassThru; every cmdlet's -Connection, alias
/// -DefaultProfile as in Az), so one script can work in two accounts. It holds the key, never shows
/// it, and holds no client: each command using it holds the shared client while it runs, so keeping
/// the object keeps no socket open. Disconnect-T1Account -Connection forgets the key it holds.
/// </summary>
public sealed class T1Connection
{
    private SessionConnection? _connection;

    internal T1Connection(SessionConnection connection)
    {
        _connection = connection;
        BaseUri = connection.BaseUri;
        KeyKind = connection.ApiKey.Kind;
        KeyLastFour = connection.ApiKey.LastFour;
    }

    public Uri BaseUri { get; }

    /// <summary>live, test or unknown (from the key's prefix).</summary>
    public string KeyKind { get; }

    /// <summary>The key's last four characters, to tell keys apart; null for keys too short to show any.</summary>
    public string? KeyLastFour { get; }

    /// <summary>True once Disconnect-T1Account -Connection forgot its key: commands then refuse it.</summary>
    public bool Disconnected => Volatile.Read(ref _connection) is null;

    internal SessionConnection? Session => Volatile.Read(ref _connection);

    /// <summary>Forgets the key; returns the connection it held, or null if it was forgotten already.</summary>
    internal SessionConnection? Forget() => Interlocked.Exchange(ref _connection, null);

    public override string ToString() =>
        $"{BaseUri} ({KeyKind} key{(KeyLastFour is null ? "" : " ****" + KeyLastFour)}{(Disconnected ? ", disconnected" : "")})";
}
