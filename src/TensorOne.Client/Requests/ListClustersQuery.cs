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

    /// <summary>False asks for lean pages (no metrics, no cost breakdown), as a poller should; null leaves the API's default (both on).</summary>
    public bool? IncludeDetails { get; set; }
}
