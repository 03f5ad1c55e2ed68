using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Progress;

/// <summary>
/// Progress for a batch of operations: one parent bar counting the batch, and child bars for clusters
/// in flight. Worker threads report into it; the pipeline thread flushes it at most ten times a second.
/// In an interactive console the pane must fit the screen, or the batch bar (the one line that
/// matters) scrolls off the top: only a handful of child bars are shown (the slowest, kept until they
/// finish), and one more line counts the rest by phase. Without an interactive console (runbooks,
/// redirected output) every cluster's bar is written, but only when its phase changes, and each change
/// is also said on the Verbose stream so job logs tell the story.
/// </summary>
internal sealed class OperationProgressReporter
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxChildRecordsPerFlush = 20;
    private const int ParentActivityId = 1;
    private const int RestActivityId = 2;

    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly string _endStatus;
    private readonly bool _interactive;
    private readonly int _maxChildren;
    private readonly List<ClusterLine> _shown = new();
    private string? _restText;
    private readonly object _gate = new();
    private readonly Dictionary<string, ClusterLine> _lines = new(StringComparer.Ordinal);
    private readonly Queue<string> _milestones = new();
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private readonly BatchCount _count = new();
    private int _nextActivityId = 3;
    private bool _parentDirty;

    /// <param name="maxChildren">Child bars shown at once in an interactive console (<see cref="ChildBarsFor"/>); ignored otherwise.</param>
    public OperationProgressReporter(Cmdlet cmdlet, string activity, string endStatus, bool interactive, int maxChildren = int.MaxValue)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _endStatus = endStatus;
        _interactive = interactive;
        _maxChildren = interactive ? Math.Max(1, maxChildren) : int.MaxValue;
    }

    /// <summary>
    /// How many child bars fit a window of <paramref name="windowHeight"/> lines with the batch bar and
    /// the line for the rest: a bar takes a line in the Minimal view and about four in the Classic one,
    /// so a handful at most, fewer on a small window.
    /// </summary>
    public static int ChildBarsFor(int windowHeight) => Math.Max(1, Math.Min(5, (windowHeight - 8) / 6));

    /// <summary>A cluster joins the batch (any thread).</summary>
    public void Add(string id, string? name)
    {
        lock (_gate)
        {
            var place = _count.Join();
            _lines[id] = new ClusterLine(_nextActivityId++, id, name, place);
            _parentDirty = true;
        }
    }

    /// <summary>A read of a cluster in flight (any thread).</summary>
    public void Observe(string id, ClusterInfo cluster, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lines.TryGetValue(id, out var line) || line.Finished)
            {
                return;
            }

            line.Name ??= cluster.Name;
            var phase = cluster.Progress?.Phase ?? cluster.Status ?? "";
            var changed = !string.Equals(phase, line.Phase, StringComparison.Ordinal);
            line.Phase = phase;
            line.Step = cluster.Progress?.CurrentStep;
            line.Percent = cluster.Progress?.Percentage;
            line.SecondsRemaining = cluster.EstimatedCompletionAt is { } eta && eta > now ? (int)Math.Ceiling((eta - now).TotalSeconds) : -1;
            // The end state is written by Finish, as the bar's Completed record; a Processing record saying
            // "Stopped" just before it would depend on when a flush fell.
            var isEnd = string.Equals(phase, _endStatus, StringComparison.OrdinalIgnoreCase);
            // A change not yet written stays to be written: a second read of the same phase before the
            // next flush must not drop it.
            line.Dirty = (line.Dirty || _interactive || changed) && !isEnd;
            _parentDirty |= _interactive;

            // The end state is announced by Finish, with the time it took.
            if (changed && phase.Length > 0 && !string.Equals(phase, _endStatus, StringComparison.OrdinalIgnoreCase))
            {
                _milestones.Enqueue(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: {1}{2}{3}",
                    line.Label,
                    PhaseNames.Human(phase),
                    line.Percent is { } p ? $" ({p}%)" : "",
                    line.Step is { Length: > 0 } step ? " - " + step : ""));
            }
        }
    }

    /// <summary>A cluster's wait ended (any thread).</summary>
    public void Finish(string id, bool succeeded, string outcome)
    {
        lock (_gate)
        {
            if (!_lines.TryGetValue(id, out var line) || line.Finished)
            {
                return;
            }

            line.Finished = true;
            line.Dirty = true;
            _count.Ended(succeeded);
            _parentDirty = true;
            _milestones.Enqueue(line.Label + ": " + outcome);
        }
    }

    /// <summary>Writes what changed (pipeline thread only). At most ten times a second unless <paramref name="force"/>.</summary>
    public void Flush(bool force = false)
    {
        // The first flush too waits an interval: input still arriving (an array piped in) then shows as one batch.
        if (!force && _sinceFlush.Elapsed < FlushInterval)
        {
            return;
        }

        _sinceFlush.Restart();
        List<ProgressRecord> records;
        List<string> milestones;
        lock (_gate)
        {
            milestones = _milestones.ToList();
            _milestones.Clear();
            records = new List<ProgressRecord>();
            var parent = _count.Total > 1;
            if (parent && _parentDirty)
            {
                records.Add(ParentRecord());
            }

            _parentDirty = false;
            if (_maxChildren == int.MaxValue)
            {
                foreach (var line in _lines.Values.Where(l => l.Dirty).Take(MaxChildRecordsPerFlush).ToList())
                {
                    line.Dirty = false;
                    records.Add(ChildRecord(line, parent));
                    if (line.Finished)
                    {
                        _lines.Remove(line.Id);
                    }
                }
            }
            else
            {
                FlushCapped(records, parent);
            }
        }

        foreach (var milestone in milestones)
        {
            _cmdlet.WriteVerbose(milestone);
        }

        foreach (var record in records)
        {
            _cmdlet.WriteProgress(record);
        }
    }

    /// <summary>Closes every bar (pipeline thread only), so no host is left showing a stale one.</summary>
    public void Complete()
    {
        Flush(force: true);
        List<ProgressRecord> records;
        lock (_gate)
        {
            var open = _maxChildren == int.MaxValue ? _lines.Values.ToList() : _shown.ToList();
            records = open.Select(line =>
            {
                line.Finished = true;
                return ChildRecord(line, _count.Total > 1);
            }).ToList();
            if (_restText is not null)
            {
                records.Add(new ProgressRecord(RestActivityId, "Other clusters", "done") { ParentActivityId = ParentActivityId, RecordType = ProgressRecordType.Completed });
                _restText = null;
            }

            _shown.Clear();
            _lines.Clear();
            if (_count.Total > 1)
            {
                var parent = ParentRecord();
                parent.RecordType = ProgressRecordType.Completed;
                records.Add(parent);
            }
        }

        foreach (var record in records)
        {
            _cmdlet.WriteProgress(record);
        }
    }

    /// <summary>
    /// Interactive: keeps at most <see cref="_maxChildren"/> child bars, the slowest (earliest started)
    /// clusters still in flight, each kept until it finishes so bars do not jump about; one more line
    /// counts the others by phase (caller holds the lock).
    /// </summary>
    private void FlushCapped(List<ProgressRecord> records, bool parent)
    {
        foreach (var line in _shown.Where(l => l.Finished).ToList())
        {
            records.Add(ChildRecord(line, parent));
            _shown.Remove(line);
        }

        foreach (var line in _lines.Values.Where(l => l.Finished).ToList())
        {
            _lines.Remove(line.Id);
        }

        if (_shown.Count < _maxChildren)
        {
            foreach (var line in _lines.Values.Where(l => !_shown.Contains(l)).OrderBy(l => l.Order).Take(_maxChildren - _shown.Count).ToList())
            {
                line.Dirty = true;
                _shown.Add(line);
            }
        }

        foreach (var line in _shown.Where(l => l.Dirty))
        {
            line.Dirty = false;
            records.Add(ChildRecord(line, parent));
        }

        var rest = _lines.Values.Where(l => !_shown.Contains(l)).ToList();
        var restText = rest.Count == 0
            ? null
            : string.Join(", ", rest
                .GroupBy(l => l.Phase is { Length: > 0 } phase ? PhaseNames.Human(phase) : "Requested")
                .OrderByDescending(g => g.Count())
                .Select(g => string.Format(CultureInfo.InvariantCulture, "{0} {1}", g.Count(), g.Key)));
        if (restText == _restText)
        {
            return;
        }

        _restText = restText;
        records.Add(new ProgressRecord(RestActivityId, $"{rest.Count} more {(rest.Count == 1 ? "cluster" : "clusters")} in flight", restText ?? "done")
        {
            ParentActivityId = ParentActivityId,
            PercentComplete = rest.Count == 0 ? 100 : (int)rest.Average(l => PercentOf(l)),
            RecordType = restText is null ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });
    }

    /// <summary>The batch bar: share finished, counts by outcome, and the time left by the API's latest estimate.</summary>
    private ProgressRecord ParentRecord()
    {
        var done = _count.Done;
        var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} {2}, {3} failed", _count.Succeeded, _count.Total, _endStatus, _count.Failed);
        var remaining = _lines.Values.Where(l => !l.Finished).Select(l => l.SecondsRemaining).DefaultIfEmpty(-1).Max();
        var record = new ProgressRecord(ParentActivityId, $"{_activity} {_count.Total} clusters", status)
        {
            PercentComplete = _count.Total == 0 ? 0 : Math.Min(100, done * 100 / _count.Total),
            SecondsRemaining = remaining,
        };
        return record;
    }

    private ProgressRecord ChildRecord(ClusterLine line, bool hasParent)
    {
        var status = line.Phase is { Length: > 0 } phase ? PhaseNames.Human(phase) : "Requested";
        var record = new ProgressRecord(hasParent ? line.ActivityId : ParentActivityId, $"{_activity} {line.Label}", status)
        {
            ParentActivityId = hasParent ? ParentActivityId : -1,
            PercentComplete = PercentOf(line),
            SecondsRemaining = line.SecondsRemaining,
            RecordType = line.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        if (line.Step is { Length: > 0 } step)
        {
            record.CurrentOperation = step;
        }

        return record;
    }

    /// <summary>
    /// What a bar shows done: the API's percentage, else 0. Never -1: pwsh 7's Minimal view draws an
    /// unknown percentage as a full bar, so a cluster only requested would look finished.
    /// </summary>
    private static int PercentOf(ClusterLine line) => line.Percent is { } p ? Math.Max(0, Math.Min(100, p)) : 0;

    private sealed class ClusterLine
    {
        public ClusterLine(int activityId, string id, string? name, int order)
        {
            ActivityId = activityId;
            Id = id;
            Name = name;
            Order = order;
        }

        /// <summary>When it joined the batch: the earliest still in flight are the slowest.</summary>
        public int Order { get; }

        public int ActivityId { get; }

        public string Id { get; }

        public string? Name { get; set; }

        public string Label => Name is { Length: > 0 } name && name != Id ? $"{name} ({Id})" : Id;

        public string? Phase { get; set; }

        public string? Step { get; set; }

        public int? Percent { get; set; }

        public int SecondsRemaining { get; set; } = -1;

        public bool Dirty { get; set; }

        public bool Finished { get; set; }
    }
}
