using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TensorOne.Simulator;

namespace TensorOne.Benchmark;

/// <summary>
/// A PowerShell 7.6 runspace with the staged module imported and connected to one simulator. The
/// runspace has the engine's default host, which is not a console: the module treats it as a
/// runbook would be treated (progress on phase changes only).
/// </summary>
internal sealed class HostedModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    private HostedModuleSession(Runspace runspace) => _runspace = runspace;

    public static HostedModuleSession Connect(string manifestPath, SimulatorServer server)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new HostedModuleSession(runspace);
        try
        {
            session.InvokeChecked("Import-Module -Name $manifest -ErrorAction Stop", ("manifest", manifestPath));
            session.InvokeChecked(
                "$secure = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $secure.AppendChar($c) }; Connect-T1Account -ApiKey $secure -BaseUri $uri | Out-Null",
                ("key", server.Options.ApiKey),
                ("uri", server.BaseUri));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs a script with <c>$ids</c> set; returns its output and non-terminating errors.</summary>
    public (IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Invoke(string script, IReadOnlyList<string> ids)
    {
        _runspace.SessionStateProxy.SetVariable("ids", ids.ToArray());
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        return (output, shell.Streams.Error.ToList());
    }

    public void Dispose() => _runspace.Dispose();

    private void InvokeChecked(string script, params (string Name, object Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        shell.Invoke();
        if (shell.HadErrors)
        {
            throw new InvalidOperationException($"Setting up the session failed ({script}): " + string.Join("; ", shell.Streams.Error));
        }
    }
}
