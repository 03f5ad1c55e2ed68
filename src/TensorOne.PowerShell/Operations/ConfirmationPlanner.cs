using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Operations;

/// <summary>
/// Which clusters a stop or restart acts on: each input id once, each confirmed on the pipeline thread
/// (ShouldProcess). Under -WhatIf or -Confirm the targets are described with their consequences, and
/// that confirmation waits for the end of the input, so the ids not piped as clusters are read together.
/// </summary>
internal sealed class ConfirmationPlanner
{
    // One bound for all the reads a dry run makes, however many clusters it names.
    private static readonly TimeSpan DescribeTargetTimeout = TimeSpan.FromSeconds(10);
    private const int MaxParallelDescribeReads = 8;

    private readonly ClusterOperationCmdlet _cmdlet;
    private readonly Action<string, Func<CancellationToken, Task<ClusterOperationResult>>> _start;
    // The API's ids are case-sensitive: 'Cluster_A' and 'cluster_a' are two clusters.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<PendingTarget> _pendingTargets = new();
    private bool _describeTargets;

    /// <param name="start">Sends a confirmed cluster's request (pipeline thread).</param>
    public ConfirmationPlanner(ClusterOperationCmdlet cmdlet, Action<string, Func<CancellationToken, Task<ClusterOperationResult>>> start)
    {
        _cmdlet = cmdlet;
        _start = start;
    }

    /// <summary>Every cluster the input named, each once.</summary>
    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>Someone reads the target text only under -WhatIf or -Confirm; only then is a read worth its request (BeginProcessing).</summary>
    public void Begin() => _describeTargets = _cmdlet.IsSwitchOn("WhatIf", "WhatIfPreference") || ConfirmationWillAsk();

    /// <summary>One input object's ids (ProcessRecord): confirmed and started now, or kept to be described at the end.</summary>
    public void Accept(string[] ids)
    {
        var known = ids.Length == 1 ? KnownClusterState.For(ids) : null;
        foreach (var id in ids)
        {
            if (!_seen.Add(id))
            {
                // One invocation never acts on a cluster twice, even when the input names it twice.
                _cmdlet.WriteWarning($"Cluster '{id}' appears more than once in the input; it is {OperationWords.Activity(_cmdlet.Kind).ToLowerInvariant()} once.");
                continue;
            }

            if (_describeTargets)
            {
                // Described at the end, together: what was piped in is used as is, the rest read at once.
                _pendingTargets.Add(new PendingTarget(id, known?.Id == id ? known : null, _cmdlet.DescribeAction(), _cmdlet.PrepareRequest(id)));
                continue;
            }

            if (!_cmdlet.ShouldProcess(id, _cmdlet.DescribeAction()))
            {
                continue;
            }

            _start(id, _cmdlet.PrepareRequest(id));
        }
    }

    /// <summary>
    /// -WhatIf / -Confirm, at the end of the input: each target is described with its consequences (what
    /// the cluster is doing, what it costs). Piped cluster objects already say so; the ids alone are read
    /// concurrently, all under one bound, so a dry run over a hundred ids takes about one read's time, not a hundred.
    /// </summary>
    public void ConfirmPendingTargets()
    {
        if (_pendingTargets.Count == 0)
        {
            return;
        }

        var unknown = _pendingTargets.Where(t => t.Known is null).Select(t => t.Id).ToList();
        var descriptions = unknown.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : ReadDescriptions(unknown);
        foreach (var target in _pendingTargets)
        {
            var text = target.Known?.Describe() ?? (descriptions.TryGetValue(target.Id, out var d) ? d : target.Id);
            if (_cmdlet.ShouldProcess(text, target.Action))
            {
                _start(target.Id, target.Send);
            }
        }

        _pendingTargets.Clear();
    }

    /// <summary>The part of a ShouldProcess action both operations share: how the running processes are ended.</summary>
    public List<string> DescribeShutdown(string operation)
    {
        var parts = new List<string> { _cmdlet.Immediate ? $"{operation} immediately (no graceful shutdown)" : $"{operation} gracefully" };
        if (!_cmdlet.Immediate)
        {
            parts.Add(_cmdlet.IsBound(nameof(_cmdlet.GracePeriodMinutes)) ? $"grace period {Minutes(_cmdlet.GracePeriodMinutes)}" : "the API's default grace period (5 minutes)");
        }

        return parts;
    }

    private static string Minutes(int minutes) => minutes == 1 ? "1 minute" : minutes.ToString(CultureInfo.InvariantCulture) + " minutes";

    private Dictionary<string, string> ReadDescriptions(IReadOnlyList<string> ids)
    {
        var descriptions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_cmdlet.Cancellation);
        bounded.CancelAfter(DescribeTargetTimeout);
        var throttle = new SemaphoreSlim(Math.Min(MaxParallelDescribeReads, _cmdlet.ThrottleLimit));
        var client = _cmdlet.Client;
        var reads = _cmdlet.RunWorker(() => Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await throttle.WaitAsync(bounded.Token).ConfigureAwait(false);
                try
                {
                    var cluster = await client.GetClusterAsync(id, includeDetails: false, bounded.Token).ConfigureAwait(false);
                    descriptions[id] = KnownClusterState.FromRead(id, cluster.Name, cluster.Status, cluster.HourlyRate).Describe();
                }
                finally
                {
                    throttle.Release();
                }
            }
            catch (TensorOneRequestFailedException failure)
            {
                // A failed read is said, not thrown: a dry run goes on.
                descriptions[id] = $"{id} (current state unknown: {failure.ApiMessage})";
            }
            catch (OperationCanceledException) when (!_cmdlet.Cancellation.IsCancellationRequested)
            {
                descriptions[id] = $"{id} (current state unknown: no answer within {DescribeTargetTimeout.TotalSeconds:0} seconds)";
            }
        })));
        _cmdlet.WaitPumping(reads);
        return new Dictionary<string, string>(descriptions, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether ShouldProcess will prompt: -Confirm, or a $ConfirmPreference of Medium or Low (our
    /// ConfirmImpact is Medium), unless -Confirm:$false says otherwise.
    /// </summary>
    private bool ConfirmationWillAsk()
    {
        if (_cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
        {
            return LanguagePrimitives.IsTrue(confirm);
        }

        var preference = _cmdlet.GetVariableValue("ConfirmPreference");
        var impact = preference is PSObject wrapped ? wrapped.BaseObject : preference;
        if (impact is not ConfirmImpact level && !(impact is string text && Enum.TryParse(text, ignoreCase: true, out level)))
        {
            return false;
        }

        return level != ConfirmImpact.None && level <= ConfirmImpact.Medium;
    }

    private sealed class PendingTarget
    {
        public PendingTarget(string id, KnownClusterState? known, string action, Func<CancellationToken, Task<ClusterOperationResult>> send)
        {
            Id = id;
            Known = known;
            Action = action;
            Send = send;
        }

        public string Id { get; }

        public KnownClusterState? Known { get; }

        public string Action { get; }

        public Func<CancellationToken, Task<ClusterOperationResult>> Send { get; }
    }
}
