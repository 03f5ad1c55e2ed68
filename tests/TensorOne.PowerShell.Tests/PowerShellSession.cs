using System.Management.Automation.Runspaces;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// A PowerShell 7.6 runspace with the staged module imported, optionally connected to a simulator
/// through Connect-T1Account -Scope Runspace (so tests run in parallel without sharing keys).
/// </summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(SimulatorServer? server = null, string? apiKey = null, Action<Runspace>? beforeImport = null)
    {
        Host = new RecordingHost();
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
        beforeImport?.Invoke(_runspace);
        var import = Run("Import-Module -Name $manifest -ErrorAction Stop", new() { ["manifest"] = RepoPaths.ModuleManifest });
        if (import.Terminating is not null || import.Errors.Count > 0)
        {
            throw new InvalidOperationException("Import-Module failed: " + import.AllText);
        }

        // Tests share one process and run in parallel: a process-wide connection made by one would be
        // seen by all. Every session keeps its connection to its own runspace unless a test says otherwise.
        Run("$global:PSDefaultParameterValues['Connect-T1Account:Scope'] = 'Runspace'; $global:PSDefaultParameterValues['Disconnect-T1Account:Scope'] = 'Runspace'");

        if (server is not null)
        {
            // -SkipValidation: the simulator's request log then holds only what the test itself sent.
            var connect = Run(
                "$secure = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $secure.AppendChar($c) }; Connect-T1Account -ApiKey $secure -BaseUri $uri -SkipValidation | Out-Null",
                new() { ["key"] = apiKey ?? server.Options.ApiKey, ["uri"] = server.BaseUri });
            if (connect.Terminating is not null || connect.Errors.Count > 0)
            {
                throw new InvalidOperationException("Connect-T1Account failed: " + connect.AllText);
            }
        }
    }

    public RecordingHost Host { get; }

    public Runspace Runspace => _runspace;

    /// <summary>The fake clock shared with the simulator, stepped while a script runs; null for the real clock.</summary>
    public SharedClock? Clock { get; set; }

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript(script);
        var hostBefore = Host.Text.Length;
        IReadOnlyList<PSObject> output = Array.Empty<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            if (Clock is { } clock)
            {
                var handle = ps.BeginInvoke();
                clock.RunUntilEnded(ps, handle);
                output = ps.EndInvoke(handle).ToList();
            }
            else
            {
                output = ps.Invoke().ToList();
            }
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return new ScriptResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Debug = ps.Streams.Debug.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Information = ps.Streams.Information.ToList(),
            Terminating = terminating,
            HostText = Host.Text.Substring(hostBefore),
        };
    }

    /// <summary>
    /// Runs the script inside try/catch. Only terminating errors (a cmdlet's ThrowTerminatingError,
    /// parameter binding failures) are caught there, so <see cref="ScriptResult.Caught"/> tells them
    /// apart from non-terminating errors, which still reach <see cref="ScriptResult.Errors"/>.
    /// </summary>
    public ScriptResult RunCatching(string script, Dictionary<string, object?>? variables = null)
    {
        _runspace.SessionStateProxy.SetVariable("__t1caught", null);
        var result = Run("try {\n" + script + "\n} catch { $global:__t1caught = $_ }", variables);
        var caught = _runspace.SessionStateProxy.GetVariable("__t1caught") as ErrorRecord;
        return result with { Caught = caught };
    }

    /// <summary>Starts a script without waiting, for tests that stop it midway (Ctrl+C).</summary>
    public (System.Management.Automation.PowerShell Shell, IAsyncResult Handle) Begin(string script)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return (ps, ps.BeginInvoke());
    }

    public void Dispose() => _runspace.Dispose();
}
