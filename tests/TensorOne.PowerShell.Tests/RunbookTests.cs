using System.Text.Json;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// examples/Stop-IdleClusters.ps1 run as Azure Automation runs it: a session that was never connected,
/// the key only in an Automation variable (a stand-in Get-AutomationVariable), the endpoint passed as
/// -BaseUri. No test here touches process environment variables, so the class runs in parallel.
/// </summary>
public sealed class RunbookTests
{
    private const string Reason = "Idle sweep (test)";

    private static readonly string Runbook = Path.Combine(RepoPaths.Root, "examples", "Stop-IdleClusters.ps1");

    [Fact]
    public async Task Key_from_the_Automation_variable_reaches_the_API_and_only_idle_low_GPU_clusters_are_stopped()
    {
        await using var fixture = await RunbookFixture.StartAsync();
        fixture.SeedFleet();
        fixture.DefineAutomationVariable();

        var result = fixture.Session.Run(
            "& $runbook -BaseUri $uri -IdleMinutes 30 -MaxGpuUtilization 10 -Reason $reason",
            fixture.Variables(("reason", Reason)));

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        Assert.Equal("TensorOneApiKey", fixture.Session.Run("$global:requestedAutomationVariable").Output.Single().BaseObject);

        var posts = fixture.Server.State.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(new[] { "cluster_edge", "cluster_idle_2h", "cluster_idle_45m" }, posts.Select(p => p.ClusterId).OrderBy(i => i));
        Assert.All(posts, p => Assert.EndsWith("/stop", p.Path));
        Assert.All(posts, p => Assert.Equal("Bearer " + fixture.Server.Options.ApiKey, p.Headers["Authorization"]));
        Assert.All(posts, p =>
        {
            using var body = JsonDocument.Parse(p.Body);
            Assert.Equal(Reason, body.RootElement.GetProperty("stop_reason").GetString());
        });
        foreach (var untouched in new[] { "cluster_busy", "cluster_recent", "cluster_stopped", "cluster_error" })
        {
            Assert.Equal(0, fixture.Server.State.CommittedStops(untouched));
        }

        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("TensorOne.PowerShell.T1ClusterOperation", o.BaseObject.GetType().FullName);
            Assert.Equal("Stop", o.Properties["Operation"].Value);
        });

        var summary = Assert.Single(result.Warnings, w => w.Message.Contains("Stopped 3 idle clusters", StringComparison.Ordinal)).Message;
        Assert.Contains("idle-2h [cluster_idle_2h]", summary);
        Assert.Contains("saving $11.74/hour", summary);
        Assert.DoesNotContain(fixture.Server.Options.ApiKey, result.AllText);
    }

    [Fact]
    public async Task A_credential_asset_named_by_CredentialName_connects_with_its_password_and_the_key_is_in_no_output()
    {
        await using var fixture = await RunbookFixture.StartAsync();
        fixture.SeedFleet();

        // Azure Automation's command, standing in: a credential asset whose password is the key.
        fixture.Session.Run(
            "$global:assetKey = $key; function global:Get-AutomationPSCredential { param([Parameter(Mandatory)][string] $Name) " +
            "if ($Name -ne 'TensorOne') { throw \"Credential asset '$Name' not found.\" }; " +
            "$s = [System.Security.SecureString]::new(); foreach ($c in $global:assetKey.ToCharArray()) { $s.AppendChar($c) }; [pscredential]::new('ignored-user', $s) }",
            new() { ["key"] = fixture.Server.Options.ApiKey });

        var result = fixture.Session.Run("& $runbook -BaseUri $uri -CredentialName TensorOne -Verbose", fixture.Variables());

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        Assert.Equal(3, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Message.Contains("the credential asset 'TensorOne'"));
        Assert.All(fixture.Server.State.Requests, r => Assert.Equal("Bearer " + fixture.Server.Options.ApiKey, r.Headers["Authorization"]));
        Assert.DoesNotContain(fixture.Server.Options.ApiKey, result.AllText);

        var missing = fixture.Session.RunCatching("& $runbook -BaseUri $uri -CredentialName Nope", fixture.Variables());
        Assert.StartsWith("TensorOne.NoApiKey", missing.Caught!.FullyQualifiedErrorId);
        Assert.Contains("'Nope'", missing.Caught.Exception.Message);
    }

    [Fact]
    public async Task WhatIf_sends_no_stop_and_says_what_would_be_stopped_and_saved()
    {
        await using var fixture = await RunbookFixture.StartAsync();
        fixture.SeedFleet();
        fixture.DefineAutomationVariable();

        var result = fixture.Session.Run("& $runbook -BaseUri $uri -WhatIf", fixture.Variables());

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        Assert.Empty(result.Output);
        Assert.DoesNotContain(fixture.Server.State.Requests, r => r.Method == "POST");
        Assert.All(fixture.Server.State.Clusters.Where(c => c.Id != "cluster_stopped" && c.Id != "cluster_error"), c => Assert.Equal("running", c.Status));
        Assert.Contains("What if:", result.HostText);
        Assert.Contains("cluster_idle_2h", result.HostText);
        Assert.DoesNotContain("cluster_busy", result.HostText);
        var summary = Assert.Single(result.Warnings, w => w.Message.Contains("would stop 3 idle clusters", StringComparison.Ordinal)).Message;
        Assert.Contains("would save $11.74/hour", summary);
    }

    [Fact]
    public async Task Wait_returns_each_cluster_stopped_and_the_summary_is_one_warning_even_under_Verbose()
    {
        await using var fixture = await RunbookFixture.StartAsync();
        var now = DateTimeOffset.UtcNow;
        fixture.Server.State.AddCluster("cluster_w1", "w1", gpuUtilization: 0, lastAccessed: now.AddHours(-1), hourlyRate: 2);
        fixture.Server.State.AddCluster("cluster_w2", "w2", gpuUtilization: 5, lastAccessed: now.AddHours(-3), hourlyRate: 3);
        fixture.DefineAutomationVariable();

        var result = fixture.Session.Run("& $runbook -BaseUri $uri -Wait -Verbose", fixture.Variables());

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("stopped", o.Properties["Status"].Value);
            Assert.Equal(true, o.Properties["Completed"].Value);
        });
        Assert.Single(result.Warnings, w => w.Message.Contains("Stopped 2 idle clusters", StringComparison.Ordinal) && w.Message.Contains("saving $5.00/hour"));
        Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("Stopped 2 idle clusters", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Message.Contains("the Automation variable 'TensorOneApiKey'"));
        using var body = JsonDocument.Parse(fixture.Server.State.Requests.First(r => r.Method == "POST").Body);
        Assert.StartsWith("Stop-IdleClusters: idle for more than 30 minutes", body.RootElement.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task No_key_anywhere_ends_the_run_with_a_clear_error_before_any_request()
    {
        // Not connected, no Automation variable, and the test process never sets TENSORONE_API_KEY.
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TENSORONE_API_KEY")));
        await using var fixture = await RunbookFixture.StartAsync();
        fixture.SeedFleet();

        var result = fixture.Session.RunCatching("& $runbook -BaseUri $uri", fixture.Variables());

        Assert.NotNull(result.Caught);
        Assert.StartsWith("TensorOne.NoApiKey", result.Caught!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Caught.CategoryInfo.Category);
        Assert.Contains("TensorOneApiKey", result.Caught.Exception.Message);
        Assert.Contains("TENSORONE_API_KEY", result.Caught.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(fixture.Server.State.Requests);
    }

    [Fact]
    public async Task An_unreadable_Automation_variable_is_named_in_the_no_key_error()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TENSORONE_API_KEY")));
        await using var fixture = await RunbookFixture.StartAsync();
        fixture.Session.Run("function global:Get-AutomationVariable { param([string] $Name) throw \"Variable asset '$Name' not found.\" }");

        var result = fixture.Session.RunCatching("& $runbook -BaseUri $uri", fixture.Variables());

        Assert.NotNull(result.Caught);
        Assert.StartsWith("TensorOne.NoApiKey", result.Caught!.FullyQualifiedErrorId);
        Assert.Contains("Variable asset 'TensorOneApiKey' not found.", result.Caught.Exception.Message);
        Assert.Empty(fixture.Server.State.Requests);
    }

    /// <summary>A simulator with its own key and a session that was never connected to it.</summary>
    private sealed class RunbookFixture : IAsyncDisposable
    {
        private RunbookFixture(SimulatorServer server)
        {
            Server = server;
            Session = new PowerShellSession();
        }

        public SimulatorServer Server { get; }

        public PowerShellSession Session { get; }

        public static async Task<RunbookFixture> StartAsync()
        {
            // A key of this test's own, so a request that authenticates can only have used the stand-in's value.
            var options = new SimulatorOptions
            {
                ApiKey = "tpo_test_runbook_" + Guid.NewGuid().ToString("N"),
                StopPhaseSeconds = 0.2,
                RestartPhaseSeconds = 0.2,
            };
            return new RunbookFixture(await SimulatorServer.StartAsync(options));
        }

        /// <summary>
        /// Running clusters idle and quiet (stopped by the defaults), busy or recently used (kept), and
        /// clusters not running at all (never listed by -Status running).
        /// </summary>
        public void SeedFleet()
        {
            var now = DateTimeOffset.UtcNow;
            var state = Server.State;
            state.AddCluster("cluster_idle_2h", "idle-2h", gpuUtilization: 2, lastAccessed: now.AddHours(-2), hourlyRate: 10);
            state.AddCluster("cluster_idle_45m", "idle-45m", gpuUtilization: 0, lastAccessed: now.AddMinutes(-45), hourlyRate: 0.74);
            state.AddCluster("cluster_edge", "edge", gpuUtilization: 10, lastAccessed: now.AddHours(-1), hourlyRate: 1);
            state.AddCluster("cluster_busy", "busy", gpuUtilization: 92, lastAccessed: now.AddHours(-3), hourlyRate: 24);
            state.AddCluster("cluster_recent", "recent", gpuUtilization: 0, lastAccessed: now.AddMinutes(-5), hourlyRate: 3.8);
            state.AddCluster("cluster_stopped", "stopped", status: "stopped", gpuUtilization: 0, lastAccessed: now.AddDays(-3), hourlyRate: 5);
            state.AddCluster("cluster_error", "error", status: "error", gpuUtilization: 0, lastAccessed: now.AddHours(-2), hourlyRate: 1.1);
        }

        /// <summary>Azure Automation's Get-AutomationVariable, returning the key as an encrypted variable reads back: a string.</summary>
        public void DefineAutomationVariable()
        {
            var define = Session.Run(
                "$global:automationKey = $key; function global:Get-AutomationVariable { param([Parameter(Mandatory)][string] $Name) $global:requestedAutomationVariable = $Name; $global:automationKey }",
                new() { ["key"] = Server.Options.ApiKey });
            Assert.Empty(define.Errors);
        }

        public Dictionary<string, object?> Variables(params (string Name, object? Value)[] extra)
        {
            var variables = new Dictionary<string, object?> { ["runbook"] = Runbook, ["uri"] = Server.BaseUri.ToString() };
            foreach (var (name, value) in extra)
            {
                variables[name] = value;
            }

            return variables;
        }

        public async ValueTask DisposeAsync()
        {
            Session.Dispose();
            await Server.DisposeAsync();
        }
    }
}
