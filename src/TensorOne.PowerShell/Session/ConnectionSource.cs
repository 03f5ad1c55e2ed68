namespace TensorOne.PowerShell.Session;

/// <summary>Where the session's key came from; shown to users instead of the key.</summary>
public enum ConnectionSource
{
    ConnectT1Account,
    Environment,
}
