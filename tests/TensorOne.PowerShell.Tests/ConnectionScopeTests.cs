namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Connect-T1Account's default scope is the process: ForEach-Object -Parallel and runspace pools see
/// it; a runspace's own connection wins there and nowhere else; clients are shared per endpoint and key.
/// </summary>
[Collection(ProcessConnectionCollection.Name)]
public sealed class ConnectionScopeTests
{
    private const string ConnectProcess = "$s = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $s.AppendChar($c) }; Connect-T1Account -ApiKey $s -BaseUri $uri -Scope Process";

    [Fact]
    public async Task Parallel_runspaces_with_different_keys_never_cross_talk()
    {
        await using var fleetA = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_live_fleetA_" + Guid.NewGuid().ToString("N") });
        await using var fleetB = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_test_fleetB_" + Guid.NewGuid().ToString("N") });
        fleetA.State.AddCluster("cluster_shared", "from-A");
        fleetB.State.AddCluster("cluster_shared", "from-B");
        using var session = new PowerShellSession();
        try
        {
            Assert.Empty(session.Run(ConnectProcess + " | Out-Null", new() { ["key"] = fleetA.Options.ApiKey, ["uri"] = fleetA.BaseUri }).Errors);

            // Odd runspaces connect their own to B; even ones use the process connection (A).
            var result = session.Run(@"
                1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                    Import-Module $using:manifest
                    if ($_ % 2) {
                        $k = $using:keyB; $s = [System.Security.SecureString]::new(); foreach ($c in $k.ToCharArray()) { $s.AppendChar($c) }
                        Connect-T1Account -ApiKey $s -BaseUri $using:uriB -Scope Runspace | Out-Null
                    }
                    foreach ($round in 1..3) {
                        $account = Get-T1Account
                        '{0}:{1}:{2}:{3}' -f $_, (Get-T1Cluster -Id cluster_shared).Name, $account.Scope, $account.KeyKind
                    }
                }",
                new() { ["manifest"] = RepoPaths.ModuleManifest, ["keyB"] = fleetB.Options.ApiKey, ["uriB"] = fleetB.BaseUri });

            Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
            var lines = result.Output.Select(o => o.BaseObject.ToString()!).ToList();
            Assert.Equal(24, lines.Count);
            foreach (var line in lines)
            {
                var parts = line.Split(':');
                var odd = int.Parse(parts[0]) % 2 == 1;
                Assert.Equal(odd ? "from-B:Runspace:test" : "from-A:Process:live", string.Join(":", parts.Skip(1)));
            }

            Assert.All(fleetA.State.Requests, r => Assert.Equal("Bearer " + fleetA.Options.ApiKey, r.Headers["Authorization"]));
            Assert.All(fleetB.State.Requests, r => Assert.Equal("Bearer " + fleetB.Options.ApiKey, r.Headers["Authorization"]));
            Assert.Equal(4 * 3, fleetA.State.Requests.Count(r => r.ClusterId == "cluster_shared"));
            Assert.Equal(4 * 3, fleetB.State.Requests.Count(r => r.ClusterId == "cluster_shared"));
            Assert.DoesNotContain(fleetA.Options.ApiKey, result.AllText);
            Assert.DoesNotContain(fleetB.Options.ApiKey, result.AllText);

            // The parallel runspaces' connection did not leak into this one.
            var here = session.Run("Get-T1Account").Output.Single();
            Assert.Equal("Process", here.Properties["Scope"].Value);
            Assert.Equal(fleetA.BaseUri.ToString(), here.Properties["BaseUri"].Value!.ToString());
        }
        finally
        {
            session.Run("Disconnect-T1Account -Scope Process");
        }
    }

    [Fact]
    public async Task Connecting_the_process_warns_when_this_runspace_keeps_its_own_connection()
    {
        await using var fleetA = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_live_ownA_" + Guid.NewGuid().ToString("N") });
        await using var fleetB = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_test_procB_" + Guid.NewGuid().ToString("N") });
        using var session = new PowerShellSession();
        try
        {
            Assert.Empty(session.Run(ConnectProcess.Replace("-Scope Process", "-Scope Runspace") + " -SkipValidation | Out-Null", new() { ["key"] = fleetA.Options.ApiKey, ["uri"] = fleetA.BaseUri }).Errors);

            var result = session.Run(ConnectProcess + " -SkipValidation | Out-Null; (Get-T1Account).BaseUri.ToString()", new() { ["key"] = fleetB.Options.ApiKey, ["uri"] = fleetB.BaseUri });

            var warning = Assert.Single(result.Warnings);
            Assert.Contains("keeps its own connection", warning.Message, StringComparison.Ordinal);
            Assert.Equal(fleetA.BaseUri.ToString(), result.Output.Single().BaseObject);
            Assert.DoesNotContain(fleetA.Options.ApiKey, result.AllText);
            Assert.DoesNotContain(fleetB.Options.ApiKey, result.AllText);
        }
        finally
        {
            session.Run("Disconnect-T1Account -Scope Process");
        }
    }

    [Fact]
    public async Task A_runspace_that_ForEach_Parallel_reuses_does_not_keep_the_previous_scripts_connection()
    {
        await using var fleetA = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_live_reuseA_" + Guid.NewGuid().ToString("N") });
        await using var fleetB = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_test_reuseB_" + Guid.NewGuid().ToString("N") });
        using var session = new PowerShellSession();
        try
        {
            Assert.Empty(session.Run(ConnectProcess + " -SkipValidation | Out-Null", new() { ["key"] = fleetA.Options.ApiKey, ["uri"] = fleetA.BaseUri }).Errors);

            // One runspace for both items: the first connects it to B, the second must not inherit that.
            var result = session.Run(@"
                1..2 | ForEach-Object -ThrottleLimit 1 -Parallel {
                    Import-Module $using:manifest
                    if ($_ -eq 1) {
                        $k = $using:keyB; $s = [System.Security.SecureString]::new(); foreach ($c in $k.ToCharArray()) { $s.AppendChar($c) }
                        Connect-T1Account -ApiKey $s -BaseUri $using:uriB -Scope Runspace -SkipValidation | Out-Null
                    }
                    '{0}|{1}|{2}' -f $_, ([runspace]::DefaultRunspace.InstanceId), (Get-T1Account).Scope
                }",
                new() { ["manifest"] = RepoPaths.ModuleManifest, ["keyB"] = fleetB.Options.ApiKey, ["uriB"] = fleetB.BaseUri });

            Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
            var lines = result.Output.Select(o => o.BaseObject.ToString()!.Split('|')).ToList();
            Assert.Equal(lines[0][1], lines[1][1]); // the same runspace, reused
            Assert.Equal("Runspace", lines[0][2]);
            Assert.Equal("Process", lines[1][2]);
        }
        finally
        {
            session.Run("Disconnect-T1Account -Scope Process");
        }
    }

    [Fact]
    public async Task A_runspace_pool_uses_the_process_connection_and_shares_its_client()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions(), ("cluster_pool", "pool"));
        using var session = new PowerShellSession();
        try
        {
            Assert.Empty(session.Run(ConnectProcess + " -SkipValidation | Out-Null", new() { ["key"] = server.Options.ApiKey, ["uri"] = server.BaseUri }).Errors);
            Assert.Null(session.Run("Get-T1Account").Output.Single().Properties["RequestsRemaining"].Value);

            var result = session.Run(@"
                $pool = [runspacefactory]::CreateRunspacePool(1, 4, [initialsessionstate]::CreateDefault2(), $Host)
                $pool.Open()
                try {
                    $shells = foreach ($n in 1..4) {
                        $ps = [powershell]::Create()
                        $ps.RunspacePool = $pool
                        [void]$ps.AddScript({ param($m) Import-Module $m; (Get-T1Cluster -Id cluster_pool).Status }).AddArgument($manifest)
                        [pscustomobject]@{ Shell = $ps; Handle = $ps.BeginInvoke() }
                    }
                    foreach ($s in $shells) { $s.Shell.EndInvoke($s.Handle); $s.Shell.Streams.Error | ForEach-Object { ""error: $_"" }; $s.Shell.Dispose() }
                }
                finally { $pool.Dispose() }",
                new() { ["manifest"] = RepoPaths.ModuleManifest });

            Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
            Assert.Equal(Enumerable.Repeat("running", 4), result.Output.Select(o => o.BaseObject.ToString()));

            // The pool's requests went through the one client of this endpoint and key: this runspace
            // sees the budget they left, though it sent nothing itself.
            var account = session.Run("Get-T1Account").Output.Single();
            Assert.NotNull(account.Properties["RequestsRemaining"].Value);
        }
        finally
        {
            session.Run("Disconnect-T1Account -Scope Process");
        }
    }

    [Fact]
    public async Task Disconnect_clears_the_scope_it_is_given_and_says_what_is_still_in_force()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var session = new PowerShellSession();
        try
        {
            session.Run(ConnectProcess + " -SkipValidation | Out-Null", new() { ["key"] = server.Options.ApiKey, ["uri"] = server.BaseUri });
            session.Run(ConnectProcess.Replace("-Scope Process", "-Scope Runspace") + " -SkipValidation | Out-Null", new() { ["key"] = server.Options.ApiKey, ["uri"] = "http://localhost:9/v2" });
            Assert.Equal("Runspace", session.Run("(Get-T1Account).Scope").Output.Single().BaseObject);

            var clearedProcess = session.Run("Disconnect-T1Account -Scope Process");
            Assert.Contains(clearedProcess.Warnings, w => w.Message.Contains("-Scope Runspace"));
            Assert.Equal("Runspace", session.Run("(Get-T1Account).Scope").Output.Single().BaseObject);

            session.Run(ConnectProcess + " -SkipValidation | Out-Null", new() { ["key"] = server.Options.ApiKey, ["uri"] = server.BaseUri });
            var clearedRunspace = session.Run("Disconnect-T1Account -Scope Runspace");
            Assert.Contains(clearedRunspace.Warnings, w => w.Message.Contains("process-wide"));
            var account = session.Run("Get-T1Account").Output.Single();
            Assert.Equal("Process", account.Properties["Scope"].Value);
            Assert.Equal(server.BaseUri.ToString(), account.Properties["BaseUri"].Value!.ToString());

            var last = session.Run("Disconnect-T1Account -Scope Process; Get-T1Account");
            Assert.Empty(last.Output);
            Assert.Empty(last.Warnings);
            Assert.Empty(last.Errors);
        }
        finally
        {
            session.Run("Disconnect-T1Account -Scope Process");
        }
    }
}
