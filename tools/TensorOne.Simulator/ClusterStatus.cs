namespace TensorOne.Simulator;

/// <summary>The status values as they appear on the wire.</summary>
public static class ClusterStatus
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    public const string Starting = "starting";
    public const string Stopping = "stopping";
    public const string Restarting = "restarting";
    public const string Error = "error";
    public const string Pending = "pending";

    public static IReadOnlyList<string> All { get; } = [Running, Stopped, Starting, Stopping, Restarting, Error, Pending];

    /// <summary>The values the list's <c>status</c> filter documents: <c>restarting</c> is seen, never filtered on.</summary>
    public static IReadOnlyList<string> Filterable { get; } = [Running, Stopped, Starting, Stopping, Error, Pending];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}
