namespace TensorOne.PowerShell.Completers;

/// <summary>What completion shows of a cluster; plain strings, so the cache holds no client type.</summary>
internal sealed class ClusterSummary(string id, string? name, string? status)
{
    public string Id { get; } = id;

    public string? Name { get; } = name;

    public string? Status { get; } = status;
}
