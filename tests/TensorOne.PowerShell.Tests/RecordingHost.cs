using System.Globalization;
using System.Management.Automation.Host;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// A host with no console and no way to answer a prompt, as in a runbook: every prompt fails the
/// test loudly. It records what the engine writes to the host (What if: lines, host warnings).
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface _ui = new();

    public override string Name => "TensorOne Test Host";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public string Text => _ui.Text;

    /// <summary>Prompts the engine or the module tried to raise (each also failed the command).</summary>
    public int Prompts => _ui.Prompts;

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }
}

internal sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly System.Text.StringBuilder _text = new();
    private int _prompts;

    public int Prompts => Volatile.Read(ref _prompts);

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override PSHostRawUserInterface? RawUI => null;

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");

    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
    {
        Interlocked.Increment(ref _prompts);
        throw new InvalidOperationException("The module prompted: " + message);
    }

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Interlocked.Increment(ref _prompts);
        throw new InvalidOperationException("The module prompted for a choice: " + message);
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new InvalidOperationException("The module prompted for a credential.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new InvalidOperationException("The module prompted for a credential.");

    public override string ReadLine() => throw new InvalidOperationException("The module read from the console.");

    public override System.Security.SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The module read from the console.");

    private void Append(string value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }
}
