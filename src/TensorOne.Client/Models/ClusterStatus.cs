namespace TensorOne.Client.Models;

/// <summary>The statuses the API documents. Kept as strings on the models so a new status never breaks parsing.</summary>
public static class ClusterStatus
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    public const string Starting = "starting";
    public const string Stopping = "stopping";
    public const string Restarting = "restarting";
    public const string Error = "error";
    public const string Pending = "pending";
}
