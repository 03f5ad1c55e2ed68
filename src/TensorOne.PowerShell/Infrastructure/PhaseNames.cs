using System.Globalization;

namespace TensorOne.PowerShell.Infrastructure;

/// <summary>The API's phase identifiers as people read them.</summary>
internal static class PhaseNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["notifying_processes"] = "Notifying processes",
        ["waiting_for_graceful_exit"] = "Waiting for processes to exit",
        ["creating_snapshot"] = "Creating snapshot",
        ["terminating_resources"] = "Releasing GPU and compute resources",
        ["cleaning_up"] = "Cleaning up",
        ["completed"] = "Completed",
        ["stopping_processes"] = "Stopping processes",
        ["creating_checkpoint"] = "Creating checkpoint",
        ["updating_configuration"] = "Applying configuration updates",
        ["starting_services"] = "Starting services",
        ["health_checks"] = "Running health checks",
        ["ready"] = "Ready",
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
