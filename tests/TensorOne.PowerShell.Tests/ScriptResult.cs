namespace TensorOne.PowerShell.Tests;

/// <summary>Everything one script run produced, stream by stream.</summary>
internal sealed record ScriptResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<WarningRecord> Warnings { get; init; }

    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }

    public required IReadOnlyList<DebugRecord> Debug { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    public required IReadOnlyList<InformationRecord> Information { get; init; }

    /// <summary>The error that ended the script, if one did.</summary>
    public RuntimeException? Terminating { get; init; }

    public required string HostText { get; init; }

    /// <summary>The terminating error a surrounding try/catch caught (see PowerShellSession.RunCatching).</summary>
    public ErrorRecord? Caught { get; init; }

    /// <summary>What a finished shell produced: its output, each of its streams, and the error that ended it, if one did.</summary>
    public static ScriptResult Collect(System.Management.Automation.PowerShell shell, IReadOnlyList<PSObject> output, RuntimeException? terminating, string hostText)
    {
        var streams = shell.Streams;
        return new()
        {
            Output = output,
            Errors = [.. streams.Error],
            Warnings = [.. streams.Warning],
            Verbose = [.. streams.Verbose],
            Debug = [.. streams.Debug],
            Progress = [.. streams.Progress],
            Information = [.. streams.Information],
            Terminating = terminating,
            HostText = hostText,
        };
    }

    /// <summary>Every stream as text, for asserting that something appears nowhere.</summary>
    public string AllText =>
        string.Join("\n", Output.Select(o => o?.ToString() ?? "")
            .Concat(Output.SelectMany(o => o?.Properties.Select(p => SafeValue(p)) ?? Array.Empty<string>()))
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? "", e.ErrorDetails?.Message ?? "", e.ErrorDetails?.RecommendedAction ?? "", e.FullyQualifiedErrorId }))
            .Concat(Warnings.Select(w => w.Message))
            .Concat(Verbose.Select(v => v.Message))
            .Concat(Debug.Select(d => d.Message))
            .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
            .Concat(Information.Select(i => i.MessageData?.ToString() ?? ""))
            .Append(Terminating?.ToString() ?? "")
            .Append(Terminating?.ErrorRecord?.ToString() ?? "")
            .Append(Caught?.ToString() ?? "")
            .Append(Caught?.Exception?.ToString() ?? "")
            .Append(HostText));

    private static string SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value?.ToString() ?? "";
        }
        catch (GetValueException)
        {
            return "";
        }
    }
}
