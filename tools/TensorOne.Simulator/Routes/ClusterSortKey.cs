namespace TensorOne.Simulator.Routes;

/// <summary>The <c>sort_by</c> values the list accepts.</summary>
internal static class ClusterSortKey
{
    public const string CreatedAt = "created_at";
    public const string Name = "name";
    public const string Status = "status";
    public const string LastAccessed = "last_accessed";
    public const string GpuType = "gpu_type";
    public const string HourlyRate = "hourly_rate";

    public static IReadOnlyList<string> All { get; } = [CreatedAt, Name, Status, LastAccessed, GpuType, HourlyRate];
}
