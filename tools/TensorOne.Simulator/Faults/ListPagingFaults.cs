namespace TensorOne.Simulator.Faults;

/// <summary>
/// How the list endpoint pages, for the paging a real server may do differently from the reference:
/// paging said beside the list instead of in <c>pagination</c>, a page size capped below what was asked,
/// and a server that ignores <c>page</c>. All off by default; may be changed while the server runs.
/// </summary>
public sealed class ListPagingFaults
{
    /// <summary>Envelope lists say <c>has_more</c>, <c>total</c>, <c>page</c>, <c>limit</c> beside <c>clusters</c>, with no <c>pagination</c> object.</summary>
    public bool DataLevelPaging { get; set; }

    /// <summary>Pages hold at most this many clusters, whatever <c>limit</c> asked (and the answer says the limit it applied).</summary>
    public int? LimitCap { get; set; }

    /// <summary>Every request gets the first page, whatever <c>page</c> asked; the paging facts still describe page 1.</summary>
    public bool IgnorePage { get; set; }
}
