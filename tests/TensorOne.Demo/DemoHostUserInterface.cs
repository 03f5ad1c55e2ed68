using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TensorOne.Demo;

/// <summary>
/// Console output the way pwsh shows it: formatted output as is, errors in red, warning,
/// verbose and debug lines with their prefixes in yellow, progress as a live bar. Never prompts.
/// </summary>
internal sealed class DemoHostUserInterface : PSHostUserInterface
{
    private const ConsoleColor ErrorColor = ConsoleColor.Red;
    private const ConsoleColor StreamColor = ConsoleColor.Yellow;

    // Progress arrives from the pipeline thread while Ctrl+C handling may print from another.
    private readonly Lock _gate = new();
    private readonly ConsoleCapabilities _console;
    private readonly ConsoleWriter _writer;
    private readonly IProgressDisplay _progress;
    private readonly DemoHostRawUserInterface _rawUI;

    public DemoHostUserInterface(ConsoleCapabilities console, TextWriter output)
    {
        _console = console;
        _writer = new ConsoleWriter(output, console.UseColor);
        _progress = console.SupportsAnsi
            ? new InPlaceProgressDisplay(_writer, () => console.Width, reverseVideo: console.UseColor)
            : new LineProgressDisplay(_writer);
        _rawUI = new DemoHostRawUserInterface(console);
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    // When true the engine keeps $PSStyle escapes (colored table headers, error views) as pwsh
    // does in a terminal; when false it strips them, so redirected output is plain text.
    public override bool SupportsVirtualTerminal => _console.SupportsAnsi;

    public override void Write(string value) => Emit(value, null, null, endLine: false);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        => Emit(value, ExplicitForeground(foregroundColor), ExplicitBackground(backgroundColor), endLine: false);

    public override void WriteLine() => Emit(string.Empty, null, null, endLine: true);

    public override void WriteLine(string value) => Emit(value, null, null, endLine: true);

    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        => Emit(value, ExplicitForeground(foregroundColor), ExplicitBackground(backgroundColor), endLine: true);

    public override void WriteErrorLine(string value) => Emit(value, ErrorColor, null, endLine: true);

    public override void WriteWarningLine(string message) => Emit("WARNING: " + message, StreamColor, null, endLine: true);

    public override void WriteVerboseLine(string message) => Emit("VERBOSE: " + message, StreamColor, null, endLine: true);

    public override void WriteDebugLine(string message) => Emit("DEBUG: " + message, StreamColor, null, endLine: true);

    /// <summary>
    /// Deliberately prints nothing: for Write-Host and Write-Information with preference Continue
    /// the engine already writes the text through <see cref="Write(string)"/>/<see cref="WriteLine(string)"/>
    /// and only notifies the host here (for transcripts), so printing would show every message twice.
    /// </summary>
    public override void WriteInformation(InformationRecord record)
    {
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (_gate)
        {
            _progress.Hide();
            _progress.Apply(sourceId, record);
            if (_writer.AtLineStart)
            {
                _progress.Show();
            }
        }
    }

    /// <summary>Removes any progress still on screen; called when a pipeline ends, as pwsh does.</summary>
    public void ClearProgress()
    {
        lock (_gate)
        {
            _progress.Reset();
        }
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        => throw new DemoHostNotInteractiveException(
            $"prompt for {string.Join(", ", descriptions.Select(d => d.Name))}{Describe(caption, message)}");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        => throw new DemoHostNotInteractiveException("ask for a choice" + Describe(caption, message));

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        => throw new DemoHostNotInteractiveException("prompt for a credential" + Describe(caption, message));

    public override PSCredential PromptForCredential(
        string caption,
        string message,
        string userName,
        string targetName,
        PSCredentialTypes allowedCredentialTypes,
        PSCredentialUIOptions options)
        => throw new DemoHostNotInteractiveException("prompt for a credential" + Describe(caption, message));

    public override string ReadLine() => throw new DemoHostNotInteractiveException("read a line of input");

    public override SecureString ReadLineAsSecureString() => throw new DemoHostNotInteractiveException("read a secure string");

    private void Emit(string text, ConsoleColor? foreground, ConsoleColor? background, bool endLine)
    {
        // The engine hands a custom host text with $PSStyle escapes left in (table headers, error
        // views); stripping them when VT is off or rendering is PlainText is the host's job, as in pwsh.
        text = GetOutputString(text, SupportsVirtualTerminal);
        lock (_gate)
        {
            _progress.Hide();
            if (endLine)
            {
                _writer.WriteLine(text, foreground, background);
            }
            else
            {
                _writer.Write(text, foreground, background);
            }

            if (_writer.AtLineStart)
            {
                _progress.Show();
            }
        }
    }

    // Write-Host passes the RawUI colors when none were asked for; those mean "terminal default",
    // and painting them explicitly would override a user's theme (e.g. black on a light terminal).
    private ConsoleColor? ExplicitForeground(ConsoleColor color) => color == _rawUI.ForegroundColor ? null : color;

    private ConsoleColor? ExplicitBackground(ConsoleColor color) => color == _rawUI.BackgroundColor ? null : color;

    private static string Describe(string caption, string message)
    {
        string text = string.Join(" - ", new[] { caption, message }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return text.Length == 0 ? string.Empty : $" (\"{text}\")";
    }
}
