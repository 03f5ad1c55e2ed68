namespace TensorOne.Client.Requests;

/// <summary>Filters of <c>GET /clusters</c>. The client walks every page itself.</summary>
public sealed class ListClustersQuery
{
    /// <summary>One of running, stopped, starting, stopping, error or pending: the documentation shows one value, never a list.</summary>
    public string? Status { get; set; }

    public string? GpuType { get; set; }

    public string? Region { get; set; }

    public string? ProjectId { get; set; }

    public string? Search { get; set; }

    /// <summary>False asks for lean pages (no metrics), as a poller should; null leaves the API's default (on). The list documents no switch for the cost breakdown.</summary>
    public bool? IncludeDetails { get; set; }
}
