namespace TensorOne.PowerShell.Completers;

/// <summary>What completion shows of a cluster; plain strings, so the cache holds no client type.</summary>
internal sealed class ClusterSummary
{
    public ClusterSummary(string id, string? name, string? status)
    {
        Id = id;
        Name = name;
        Status = status;
    }

    public string Id { get; }

    public string? Name { get; }

    public string? Status { get; }
}
