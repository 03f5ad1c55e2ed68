namespace TensorOne.Client.Requests;

/// <summary>Filters of <c>GET /clusters</c>. The client walks every page itself.</summary>
public sealed class ListClustersQuery
{
    /// <summary>running, stopped, starting, stopping, error or pending.</summary>
    public string? Status { get; set; }

    public string? GpuType { get; set; }

    public string? Region { get; set; }

    public string? ProjectId { get; set; }

    public string? Search { get; set; }

    /// <summary>Turning metrics off makes a poller's reads lighter.</summary>
    public bool? IncludeMetrics { get; set; }
}
