using System.Globalization;
using System.Runtime.CompilerServices;

namespace TensorOne.PowerShell.Input;

/// <summary>
/// What a cluster object piped into Stop-/Restart-T1Cluster already says about its cluster (from
/// Get-T1Cluster, or an operation's result), so -WhatIf and -Confirm can describe it without a read.
/// Only the module's own output types are trusted: a CSV's Status column may be weeks old.
/// </summary>
internal sealed class KnownClusterState
{
    // Keyed by the very array the binder hands the cmdlet, so the state travels with that input object
    // and nothing outlives it.
    private static readonly ConditionalWeakTable<string[], KnownClusterState> ByBoundArray = new();

    private KnownClusterState(string id, string? name, string? status, decimal? hourlyRate)
    {
        Id = id;
        Name = name;
        Status = status;
        HourlyRate = hourlyRate;
    }

    public string Id { get; }

    public string? Name { get; }

    public string? Status { get; }

    public decimal? HourlyRate { get; }

    /// <summary>The ShouldProcess target text: who the cluster is, what it is doing, what it costs.</summary>
    public string Describe()
    {
        var name = Name is { Length: > 0 } n && n != Id ? $"{n} ({Id})" : Id;
        var rate = HourlyRate is { } r ? string.Format(CultureInfo.InvariantCulture, ", ${0:0.00}/hour", r) : "";
        return $"{name}: currently {Status ?? "in an unknown state"}{rate}";
    }

    public static KnownClusterState FromRead(string id, string? name, string? status, decimal? rate) => new(id, name, status, rate);

    /// <summary>The id array for a piped object of the module's own types, remembering its state; null for anything else.</summary>
    public static string[]? Capture(object? input)
    {
        KnownClusterState? state = input switch
        {
            T1Cluster cluster when cluster.Id.Length > 0 => new KnownClusterState(cluster.Id, cluster.Name, cluster.Status, cluster.HourlyRate),
            // A result's HourlyRateSaved is what its stop saved, not what the cluster costs now: no rate is shown.
            T1ClusterOperation operation when operation.Id.Length > 0 => new KnownClusterState(operation.Id, operation.Name, operation.Status, null),
            _ => null,
        };
        if (state is null)
        {
            return null;
        }

        var ids = new[] { state.Id };
        ByBoundArray.Add(ids, state);
        return ids;
    }

    public static KnownClusterState? For(string[] boundIds) => ByBoundArray.TryGetValue(boundIds, out var state) ? state : null;
}
