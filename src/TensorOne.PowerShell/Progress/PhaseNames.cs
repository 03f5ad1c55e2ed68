using System.Globalization;

namespace TensorOne.PowerShell.Progress;

/// <summary>
/// The API's phase identifiers as people read them, in the progress pane and the default table. At
/// most 19 characters: the table must fit 80 columns (a scheduled task's log) with the phase whole;
/// the API's own step text (CurrentStep) says more.
/// </summary>
internal static class PhaseNames
{
    /// <summary>Our own phase for a stop result whose cluster was stopped before the request: not the API's "completed".</summary>
    public const string AlreadyStopped = "already_stopped";

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["notifying_processes"] = "Notifying processes",
        ["waiting_for_graceful_exit"] = "Waiting for exit",
        ["creating_snapshot"] = "Creating snapshot",
        ["terminating_resources"] = "Releasing resources",
        ["cleaning_up"] = "Cleaning up",
        ["completed"] = "Completed",
        ["stopping_processes"] = "Stopping processes",
        ["creating_checkpoint"] = "Creating checkpoint",
        ["updating_configuration"] = "Applying updates",
        ["starting_services"] = "Starting services",
        ["health_checks"] = "Checking health",
        ["ready"] = "Ready",
        [AlreadyStopped] = "Already stopped",
    };

    public static string Human(string phase)
    {
        if (Known.TryGetValue(phase, out var name))
        {
            return name;
        }

        // An undocumented phase still reads as words.
        var words = phase.Replace('_', ' ').Trim();
        return words.Length == 0 ? phase : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words.Substring(1);
    }
}
