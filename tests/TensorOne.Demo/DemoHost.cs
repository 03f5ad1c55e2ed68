using System.Globalization;
using System.Management.Automation.Host;

namespace TensorOne.Demo;

/// <summary>
/// The PSHost the demo's runspace reports as $Host: console output through
/// <see cref="DemoHostUserInterface"/>, no nested prompts, and a record of any `exit` request.
/// </summary>
internal sealed class DemoHost : PSHost
{
    // Fixed so $Host.InstanceId is stable between runs and recognisable in transcripts.
    private static readonly Guid FixedInstanceId = new("6b1f4c0e-2f7a-4d5e-9c1e-7e0a1d3b5c42");

    private readonly DemoHostUserInterface _ui;
    private readonly CultureInfo _culture = Thread.CurrentThread.CurrentCulture;
    private readonly CultureInfo _uiCulture = Thread.CurrentThread.CurrentUICulture;

    public DemoHost(DemoHostUserInterface ui)
    {
        _ui = ui;
    }

    public override string Name => "TensorOne Demo Host";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId => FixedInstanceId;

    public override CultureInfo CurrentCulture => _culture;

    public override CultureInfo CurrentUICulture => _uiCulture;

    public override PSHostUserInterface UI => _ui;

    /// <summary>The code a script passed to `exit`, if it called it.</summary>
    public int? RequestedExitCode { get; private set; }

    public void ClearProgress() => _ui.ClearProgress();

    public override void SetShouldExit(int exitCode) => RequestedExitCode = exitCode;

    public override void EnterNestedPrompt()
        => throw new DemoHostNotInteractiveException("enter a nested prompt");

    public override void ExitNestedPrompt()
        => throw new DemoHostNotInteractiveException("leave a nested prompt");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
