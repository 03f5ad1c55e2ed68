using System.Management.Automation;

namespace TensorOne.Demo;

/// <summary>
/// Progress for redirected output (logs, CI): a plain line only when an activity's text
/// changes, because every percent tick as its own line would bury the real output.
/// </summary>
internal sealed class LineProgressDisplay : IProgressDisplay
{
    private readonly ConsoleWriter _writer;
    private readonly Dictionary<(long SourceId, int ActivityId), string> _lastShown = [];

    public LineProgressDisplay(ConsoleWriter writer)
    {
        _writer = writer;
    }

    public void Apply(long sourceId, ProgressRecord record)
    {
        var key = (sourceId, record.ActivityId);
        if (record.RecordType == ProgressRecordType.Completed)
        {
            // A later run of the same activity id is news again.
            _lastShown.Remove(key);
            return;
        }

        string text = string.IsNullOrEmpty(record.StatusDescription)
            ? record.Activity
            : record.Activity + ": " + record.StatusDescription;
        if (_lastShown.TryGetValue(key, out string? previous) && previous == text)
        {
            return;
        }

        _lastShown[key] = text;
        if (!_writer.AtLineStart)
        {
            _writer.WriteLine(string.Empty);
        }

        _writer.WriteLine("PROGRESS: " + text);
    }

    public void Hide()
    {
    }

    public void Show()
    {
    }

    public void Reset() => _lastShown.Clear();
}
