using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Infrastructure;

/// <summary>
/// Progress for a batch of operations: one parent bar counting the batch, a child bar per cluster in
/// flight. Worker threads report into it; the pipeline thread flushes it at most ten times a second.
/// Without an interactive console (runbooks, redirected output) a cluster's bar is written only when
/// its phase changes, and each change is also said on the Verbose stream so job logs tell the story.
/// </summary>
internal sealed class OperationProgressReporter
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxChildRecordsPerFlush = 20;

    private readonly Cmdlet _cmdlet;
    private readonly string _verbing;
    private readonly string _doneWord;
    private readonly bool _interactive;
    private readonly object _gate = new();
    private readonly Dictionary<string, ClusterLine> _lines = new(StringComparer.Ordinal);
    private readonly Queue<string> _milestones = new();
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private int _total;
    private int _succeeded;
    private int _failed;
    private int _nextActivityId = 2;
    private bool _parentDirty;
    private bool _flushedOnce;

    public OperationProgressReporter(Cmdlet cmdlet, string verbing, string doneWord, bool interactive)
    {
        _cmdlet = cmdlet;
        _verbing = verbing;
        _doneWord = doneWord;
        _interactive = interactive;
    }

    /// <summary>A cluster joins the batch (any thread).</summary>
    public void Add(string id, string? name)
    {
        lock (_gate)
        {
            _total++;
            _lines[id] = new ClusterLine(_nextActivityId++, id, name);
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
            line.Dirty = _interactive || changed;

            // The end state is announced by Finish, with the time it took.
            if (changed && phase.Length > 0 && !string.Equals(phase, _doneWord, StringComparison.OrdinalIgnoreCase))
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
            if (succeeded)
            {
                _succeeded++;
            }
            else
            {
                _failed++;
            }

            _parentDirty = true;
            _milestones.Enqueue(line.Label + ": " + outcome);
        }
    }

    /// <summary>Writes what changed (pipeline thread only). At most ten times a second unless <paramref name="force"/>.</summary>
    public void Flush(bool force = false)
    {
        if (!force && _flushedOnce && _sinceFlush.Elapsed < FlushInterval)
        {
            return;
        }

        _flushedOnce = true;
        _sinceFlush.Restart();
        List<ProgressRecord> records;
        List<string> milestones;
        lock (_gate)
        {
            milestones = _milestones.ToList();
            _milestones.Clear();
            records = new List<ProgressRecord>();
            var parent = _total > 1;
            if (parent && _parentDirty)
            {
                records.Add(ParentRecord());
            }

            _parentDirty = false;
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
            records = _lines.Values.Select(line =>
            {
                line.Finished = true;
                return ChildRecord(line, _total > 1);
            }).ToList();
            _lines.Clear();
            if (_total > 1)
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

    private ProgressRecord ParentRecord()
    {
        var done = _succeeded + _failed;
        var record = new ProgressRecord(1, $"{_verbing} {_total} clusters", $"{_succeeded} of {_total} {_doneWord}, {_failed} failed")
        {
            PercentComplete = _total == 0 ? 0 : Math.Min(100, done * 100 / _total),
        };
        return record;
    }

    private ProgressRecord ChildRecord(ClusterLine line, bool hasParent)
    {
        var status = line.Phase is { Length: > 0 } phase ? PhaseNames.Human(phase) : "Requested";
        var record = new ProgressRecord(hasParent ? line.ActivityId : 1, $"{_verbing} {line.Label}", status)
        {
            ParentActivityId = hasParent ? 1 : -1,
            PercentComplete = line.Percent is { } p ? Math.Max(0, Math.Min(100, p)) : -1,
            SecondsRemaining = line.SecondsRemaining,
            RecordType = line.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        if (line.Step is { Length: > 0 } step)
        {
            record.CurrentOperation = step;
        }

        return record;
    }

    private sealed class ClusterLine
    {
        public ClusterLine(int activityId, string id, string? name)
        {
            ActivityId = activityId;
            Id = id;
            Name = name;
        }

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
