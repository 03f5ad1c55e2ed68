namespace TensorOne.PowerShell.Session;

/// <summary>
/// Where a connection is kept. Process (the default) is seen by every runspace, as Az's context and
/// Graph's connection are; Runspace is this runspace's own and wins over the process one.
/// </summary>
public enum ConnectionScope
{
    Process,
    Runspace,
}
