using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

namespace TensorOne.Demo;

/// <summary>
/// Runs one script in a fresh PowerShell 7 runspace hosted by <see cref="DemoHost"/>, the way
/// `pwsh -File` would: the module imported first, output formatted by Out-Default, every stream
/// on the console, Ctrl+C stopping the pipeline.
/// </summary>
internal sealed class DemoScriptRunner
{
    private const string LastExitCodeVariable = "LASTEXITCODE";

    private readonly DemoHost _host;
    private readonly bool _plainText;

    /// <param name="plainText">
    /// Set $PSStyle.OutputRendering to PlainText (NO_COLOR, or no ANSI terminal), as pwsh itself does.
    /// </param>
    public DemoScriptRunner(DemoHost host, bool plainText)
    {
        _host = host;
        _plainText = plainText;
    }

    /// <returns>0 when the script ran to the end without a terminating error, 1 otherwise.</returns>
    public int Run(string? modulePath, string scriptPath)
    {
        InitialSessionState sessionState = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            // Only Windows enforces execution policy, so an unsigned module or script must not stop the demo
            // there; elsewhere the engine rejects the setting with PlatformNotSupportedException.
            sessionState.ExecutionPolicy = ExecutionPolicy.Unrestricted;
        }

        if (_plainText)
        {
            PSStyle.Instance.OutputRendering = OutputRendering.PlainText;
        }

        using Runspace runspace = RunspaceFactory.CreateRunspace(_host, sessionState);
        runspace.Open();
        using PowerShell powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;

        bool stopRequested = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the pipeline cleanly (finally blocks, disposal); a second one
            // while stopping hangs is let through so the process can still be killed from the keyboard.
            if (stopRequested)
            {
                return;
            }

            stopRequested = true;
            e.Cancel = true;
            powerShell.BeginStop(null, null);
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (modulePath is not null)
            {
                powerShell.AddCommand("Import-Module")
                    .AddParameter("Name", modulePath)
                    .AddParameter("ErrorAction", ActionPreference.Stop);
                powerShell.Invoke();
                if (WasStopped(powerShell))
                {
                    return ReportStopped();
                }

                _host.ClearProgress();
                powerShell.Commands.Clear();
            }

            powerShell.AddScript(". " + QuoteLiteral(scriptPath)).AddCommand("Out-Default");
            // Non-terminating errors travel with the output into Out-Default, which prints them
            // in pwsh's error view through WriteErrorLine, in order with the rest of the output.
            powerShell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            runspace.SessionStateProxy.SetVariable(LastExitCodeVariable, 0);
            powerShell.Invoke();
            if (WasStopped(powerShell))
            {
                return ReportStopped();
            }

            return ExitedWithFailure(runspace) ? 1 : 0;
        }
        catch (PipelineStoppedException)
        {
            return ReportStopped();
        }
        catch (RuntimeException ex)
        {
            _host.ClearProgress();
            ShowTerminatingError(runspace, ex);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            _host.ClearProgress();
        }
    }

    // A stopped pipeline usually makes Invoke return normally rather than throw.
    private static bool WasStopped(PowerShell powerShell)
        => powerShell.InvocationStateInfo.State == PSInvocationState.Stopped;

    private int ReportStopped()
    {
        _host.ClearProgress();
        _host.UI.WriteErrorLine("The demo was stopped (Ctrl+C).");
        return 1;
    }

    /// <summary>
    /// `exit N` in a script file only ends that file and sets $LASTEXITCODE (the engine calls
    /// SetShouldExit only for a top-level exit), so the code is read back from the variable.
    /// </summary>
    private bool ExitedWithFailure(Runspace runspace)
    {
        if (_host.RequestedExitCode is { } requested && requested != 0)
        {
            return true;
        }

        object? value = runspace.SessionStateProxy.GetVariable(LastExitCodeVariable);
        if ((value is PSObject wrapped ? wrapped.BaseObject : value) is int code && code != 0)
        {
            _host.UI.WriteErrorLine($"The script exited with code {code}.");
            return true;
        }

        return false;
    }

    /// <summary>
    /// Prints a terminating error in the same view pwsh uses, by giving it to Out-Default marked
    /// as error-stream output; falls back to the bare message if the runspace cannot format it.
    /// </summary>
    private void ShowTerminatingError(Runspace runspace, RuntimeException exception)
    {
        var error = new PSObject(exception.ErrorRecord);
        error.Properties.Add(new PSNoteProperty("writeErrorStream", true));
        try
        {
            using PowerShell formatter = PowerShell.Create();
            formatter.Runspace = runspace;
            formatter.AddCommand("Out-Default").Invoke(new[] { error });
        }
        catch (RuntimeException)
        {
            _host.UI.WriteErrorLine(exception.ErrorRecord.ToString());
        }
    }

    // The engine's own escaper also doubles the typographic quotes PowerShell accepts as quotes.
    private static string QuoteLiteral(string path) => "'" + CodeGeneration.EscapeSingleQuotedStringContent(path) + "'";
}
