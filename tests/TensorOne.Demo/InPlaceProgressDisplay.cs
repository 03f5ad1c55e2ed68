using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace TensorOne.Demo;

/// <summary>
/// One line per live activity at the bottom of the terminal, redrawn in place with ANSI
/// sequences, so a long poll shows a moving bar instead of scrolling the screen.
/// </summary>
internal sealed class InPlaceProgressDisplay : IProgressDisplay
{
    private const string EraseLine = "\r\u001b[2K";
    private const string CursorUpAndEraseLine = "\u001b[1A\u001b[2K";
    private const int BarWidth = 20;

    private readonly ConsoleWriter _writer;
    private readonly Func<int> _width;
    private readonly bool _reverseVideo;
    private readonly List<ActivityKey> _order = [];
    private readonly Dictionary<ActivityKey, ProgressRecord> _activities = [];
    private int _drawnLines;

    public InPlaceProgressDisplay(ConsoleWriter writer, Func<int> width, bool reverseVideo)
    {
        _writer = writer;
        _width = width;
        _reverseVideo = reverseVideo;
    }

    public void Apply(long sourceId, ProgressRecord record)
    {
        var key = new ActivityKey(sourceId, record.ActivityId);
        if (record.RecordType == ProgressRecordType.Completed)
        {
            Remove(key);
            return;
        }

        if (!_activities.ContainsKey(key))
        {
            _order.Add(key);
        }

        _activities[key] = record;
    }

    public void Hide()
    {
        if (_drawnLines == 0)
        {
            return;
        }

        var erase = new StringBuilder(EraseLine);
        for (int line = 1; line < _drawnLines; line++)
        {
            erase.Append(CursorUpAndEraseLine);
        }

        _writer.WriteControl(erase.ToString());
        _drawnLines = 0;
    }

    public void Show()
    {
        if (_drawnLines > 0 || _order.Count == 0)
        {
            return;
        }

        // One column short of the width: writing the last column makes some terminals wrap,
        // and a wrapped line would no longer be erased by Hide.
        int width = Math.Max(20, _width() - 1);
        var text = new StringBuilder();
        foreach (ActivityKey key in _order)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            string line = Format(_activities[key], Depth(key));
            text.Append(line.Length > width ? line[..width] : line);
        }

        // Reverse video, like pwsh's own progress bar, so it reads as status rather than output.
        _writer.WriteControl(_reverseVideo
            ? "\u001b[7m" + text.Replace("\n", "\u001b[0m\n\u001b[7m") + "\u001b[0m"
            : text.ToString());
        _drawnLines = _order.Count;
    }

    public void Reset()
    {
        Hide();
        _order.Clear();
        _activities.Clear();
    }

    private void Remove(ActivityKey key)
    {
        if (!_activities.Remove(key))
        {
            return;
        }

        _order.Remove(key);
        // Children of a finished activity are finished too; pwsh drops them the same way.
        foreach (ActivityKey child in _order.Where(k => k.SourceId == key.SourceId
                     && _activities[k].ParentActivityId == key.ActivityId).ToList())
        {
            Remove(child);
        }
    }

    private int Depth(ActivityKey key)
    {
        int depth = 0;
        ProgressRecord record = _activities[key];
        while (record.ParentActivityId >= 0 && depth < 8
               && _activities.TryGetValue(new ActivityKey(key.SourceId, record.ParentActivityId), out ProgressRecord? parent))
        {
            record = parent;
            depth++;
        }

        return depth;
    }

    private static string Format(ProgressRecord record, int depth)
    {
        var line = new StringBuilder();
        line.Append(' ', depth * 2).Append(record.Activity);
        if (!string.IsNullOrEmpty(record.StatusDescription))
        {
            line.Append(": ").Append(record.StatusDescription);
        }

        if (record.PercentComplete >= 0)
        {
            int percent = Math.Min(record.PercentComplete, 100);
            int filled = percent * BarWidth / 100;
            line.Append(" [").Append('=', filled).Append(' ', BarWidth - filled).Append("] ")
                .Append(percent.ToString(CultureInfo.CurrentCulture)).Append('%');
        }

        if (record.SecondsRemaining >= 0)
        {
            line.Append(' ').Append(record.SecondsRemaining.ToString(CultureInfo.CurrentCulture)).Append("s remaining");
        }

        if (!string.IsNullOrEmpty(record.CurrentOperation))
        {
            line.Append(" - ").Append(record.CurrentOperation);
        }

        return line.ToString();
    }

    private readonly record struct ActivityKey(long SourceId, int ActivityId);
}
