using System.Globalization;
using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Wording;

/// <summary>What a batch is told about the API's write budget, with counts in the right number.</summary>
internal static class BudgetWords
{
    /// <summary>Said before the rest of a batch goes out: not all of it fits in what the budget has left.</summary>
    public static string WillNotAllFit(ClusterOperationKind kind, int left, string reset, int queued) => string.Format(
        CultureInfo.InvariantCulture,
        "The API allows {0} more {1} {2}{3}; {4} queued, so {5} will not be sent.",
        left,
        kind.ToString().ToLowerInvariant(),
        left == 1 ? "request" : "requests",
        reset,
        OperationWords.Count(queued, "cluster is", "clusters are"),
        queued - left);

    /// <summary>Said once at the end of a batch that the budget left partly unsent.</summary>
    public static string UsedUp(ClusterOperationKind kind, int sent, int notSent, string when) => string.Format(
        CultureInfo.InvariantCulture,
        "The API's write rate limit is used up: {0} of {1} {2} {3} sent; {4} not sent (each has its own RATE_LIMIT_EXCEEDED error naming its cluster). Run the command again for {5} after {6}.",
        sent,
        sent + notSent,
        kind.ToString().ToLowerInvariant(),
        sent + notSent == 1 ? "request was" : "requests were",
        notSent == 1 ? "1 was" : notSent.ToString(CultureInfo.InvariantCulture) + " were",
        notSent == 1 ? "that cluster" : "those clusters",
        when);
}
