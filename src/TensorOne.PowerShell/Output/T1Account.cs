namespace TensorOne.PowerShell;

/// <summary>What Connect-T1Account reports: the endpoint and the kind of key, never the key.</summary>
public sealed class T1Account
{
    public Uri? BaseUri { get; set; }

    /// <summary>live, test or unknown (from the key's prefix).</summary>
    public string KeyKind { get; set; } = "unknown";

    /// <summary>ConnectT1Account or Environment.</summary>
    public string Source { get; set; } = "";

    public override string ToString() => $"{BaseUri} ({KeyKind} key)";
}
