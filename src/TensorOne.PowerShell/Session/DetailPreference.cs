using System.Management.Automation;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// Whether the client's per-request lines (one per HTTP request) go to the Debug or Verbose stream.
/// Only under Continue: Inquire would ask before each line, one prompt per request in a batch (and a
/// failure in a non-interactive session), and Stop would end the command at its first request.
/// Windows PowerShell 5.1 turns -Debug into Inquire, so there -Debug writes no per-request lines;
/// $DebugPreference = 'Continue' does.
/// </summary>
internal static class DetailPreference
{
    /// <summary>The engine that maps -Debug to Continue rather than Inquire (PowerShell 6 and later).</summary>
    private static readonly int EngineMajor = typeof(PSObject).Assembly.GetName().Version?.Major ?? 0;

    /// <param name="switchName">Debug or Verbose.</param>
    /// <param name="bound">The common parameter's value when the caller gave it, else null.</param>
    /// <param name="preference">The preference variable's value in the caller's scope.</param>
    public static bool Writes(string switchName, object? bound, object? preference) =>
        Writes(switchName, bound, preference, EngineMajor);

    internal static bool Writes(string switchName, object? bound, object? preference, int engineMajor)
    {
        if (bound is not null)
        {
            var present = bound is SwitchParameter s ? s.IsPresent : bound is true;
            var inquires = string.Equals(switchName, "Debug", StringComparison.OrdinalIgnoreCase) && engineMajor < 6;
            return present && !inquires;
        }

        return preference is ActionPreference p
            ? p == ActionPreference.Continue
            : preference is string text && string.Equals(text, nameof(ActionPreference.Continue), StringComparison.OrdinalIgnoreCase);
    }
}
