namespace TensorOne.PowerShell.Session;

/// <summary>
/// What the runspace's marker variable holds: nothing but identity (never the key), so a reset
/// runspace, whose variables are gone, is known to have lost its connection.
/// </summary>
public sealed class RunspaceMarker
{
    internal RunspaceMarker()
    {
    }

    public override string ToString() => "TensorOne: this runspace has its own connection (Get-T1Account shows it)";
}
