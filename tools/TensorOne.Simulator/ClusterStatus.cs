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

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}
