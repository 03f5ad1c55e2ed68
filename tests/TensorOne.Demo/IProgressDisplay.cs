using System.Management.Automation;

namespace TensorOne.Demo;

/// <summary>How the host shows Write-Progress records; chosen by whether stdout is a terminal.</summary>
internal interface IProgressDisplay
{
    /// <summary>Records the new state of one activity (a Completed record ends it).</summary>
    void Apply(long sourceId, ProgressRecord record);

    /// <summary>Takes any drawn progress off the screen so ordinary text can be written where it was.</summary>
    void Hide();

    /// <summary>Draws the live activities again after ordinary text has been written.</summary>
    void Show();

    /// <summary>Forgets every activity: a finished pipeline leaves no progress behind, as in pwsh.</summary>
    void Reset();
}
