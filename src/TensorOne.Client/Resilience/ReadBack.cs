using TensorOne.Client.Models;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Resilience;

/// <summary>A read of one cluster after a write, with what is needed to place it in time on the server's clock.</summary>
internal sealed record ReadBack(ClusterInfo Cluster, ClusterWire Wire, DateTimeOffset? ServerDate, DateTimeOffset ReceivedAt)
{
    // The server's clock and ours differ; comparisons are made on the server's, to the second its Date header has.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(1);

    /// <summary>True when the cluster is in one of <paramref name="statuses"/>.</summary>
    public bool IsIn(params string[] statuses) => statuses.Contains(Cluster.Status, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when this read proves a restart took hold after <paramref name="firstSentAt"/> (our clock):
    /// the cluster is restarting or starting, or it is running and came up (by <c>restart_initiated_at</c>
    /// or <c>started_at</c>, on the server's clock) after the first attempt. Never from uptime, which the
    /// bare shape lacks; a bare "running" proves nothing either way.
    /// </summary>
    public bool ShowsRestartSince(DateTimeOffset firstSentAt)
    {
        if (IsIn(ClusterStatus.Restarting, ClusterStatus.Starting))
        {
            return true;
        }

        var began = Wire.RestartInitiatedAt ?? Wire.RestartInitiatedAtCamel ?? Wire.StartedAt ?? Wire.StartedAtCamel;
        if (began is not { } since || ServerDate is not { } serverNow || !IsIn(ClusterStatus.Running))
        {
            return false;
        }

        // The first attempt on the server's clock: its Date less the time our clock saw pass since then.
        var firstSentOnServer = serverNow - (ReceivedAt - firstSentAt);
        return since >= firstSentOnServer - ClockSlack;
    }
}
