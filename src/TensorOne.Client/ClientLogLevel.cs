namespace TensorOne.Client;

/// <summary>Where a client message belongs; the PowerShell layer maps these to the Verbose and Debug streams.</summary>
public enum ClientLogLevel
{
    Debug,
    Verbose,
}
