namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The module in the real pwsh: `Select-Object -First` stopping a streamed listing (the
/// StopUpstreamCommandsException path), and the progress pane of a 300-cluster wait read off a
/// pseudo-terminal (tmux) while it runs: the batch bar must stay on screen throughout.
/// </summary>
[Trait("Category", "Terminal")]
public sealed class TerminalTests
{
    [Fact]
    public async Task Select_Object_First_5_reads_one_page_and_stops_the_reading()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(10_000, "cluster_acct_");
        var script = RealPwsh.WriteScript(server, """
            Get-T1Cluster | Select-Object -First 5 | ForEach-Object { 'ROW ' + $_.Id }
            'DONE'
            """);
        try
        {
            var (output, errors, exitCode) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, output + errors);
            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(new[] { "ROW cluster_acct_00001", "ROW cluster_acct_00002", "ROW cluster_acct_00003", "ROW cluster_acct_00004", "ROW cluster_acct_00005", "DONE" }, lines);
            Assert.Single(server.State.Requests, r => r.Method == "GET");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task The_batch_bar_stays_on_a_40_line_screen_throughout_a_300_cluster_wait()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { StopPhaseSeconds = 3 });
        var ids = server.State.SeedMany(300, "cluster_tty_");
        var idFile = Path.Combine(Path.GetTempPath(), "t1-ids-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(idFile, ids);
        var script = RealPwsh.WriteScript(server, $"""
            $ids = Get-Content '{idFile}'
            $results = $ids | Stop-T1Cluster -Wait
            "WAIT-DONE $(@($results | Where-Object Status -eq 'stopped').Count)"
            Start-Sleep -Seconds 60
            """);
        var socket = "t1test" + Environment.ProcessId + "_" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            RealPwsh.Exec("tmux", "-L", socket, "new-session", "-d", "-s", "t1", "-x", "120", "-y", "40", "dotnet pwsh -NoProfile -File '" + script + "'");
            var screens = new List<string>();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
            string screen;
            do
            {
                await Task.Delay(250);
                screen = RealPwsh.Exec("tmux", "-L", socket, "capture-pane", "-p", "-t", "t1");
                screens.Add(screen);
            }
            while (!screen.Contains("WAIT-DONE", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

            Assert.Contains("WAIT-DONE 300", screen);

            // Mid-wait: any screen that shows a cluster's bar or the line for the rest shows the batch bar too.
            var midWait = screens.Where(s => !s.Contains("WAIT-DONE", StringComparison.Ordinal)
                && (s.Contains("Stopping cluster_tty_", StringComparison.Ordinal) || s.Contains("more clusters in flight", StringComparison.Ordinal))).ToList();
            Assert.True(midWait.Count >= 3, $"only {midWait.Count} screens caught the wait:\n{string.Join("\n----\n", screens.TakeLast(3))}");
            Assert.All(midWait, s => Assert.Contains("Stopping 300 clusters", s));

            // And the pane fits: a handful of cluster bars, never one per cluster.
            Assert.All(midWait, s => Assert.InRange(s.Split('\n').Count(l => l.Contains("Stopping cluster_tty_", StringComparison.Ordinal)), 0, 5));
            Assert.Equal(300, server.State.Requests.Count(r => r.Method == "POST"));
        }
        finally
        {
            try
            {
                RealPwsh.Exec("tmux", "-L", socket, "kill-server");
            }
            catch (InvalidOperationException)
            {
            }

            File.Delete(script);
            File.Delete(idFile);
        }
    }

    [Fact]
    public async Task Bars_of_clusters_only_requested_are_drawn_empty_not_full_in_the_Minimal_view()
    {
        // Phases of 4 s: the first screens show the clusters still "Requested".
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { StopPhaseSeconds = 4 });
        server.State.SeedMany(12, "cluster_bar_");
        var script = RealPwsh.WriteScript(server, """
            $results = Get-T1Cluster | Stop-T1Cluster -Wait
            "WAIT-DONE $(@($results).Count)"
            Start-Sleep -Seconds 60
            """);
        var socket = "t1bar" + Environment.ProcessId + "_" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            RealPwsh.Exec("tmux", "-L", socket, "new-session", "-d", "-s", "t1", "-x", "100", "-y", "24", "dotnet pwsh -NoProfile -File '" + script + "'");
            var requested = new List<string>();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            string screen;
            do
            {
                await Task.Delay(200);
                // -e keeps the escape sequences: the filled part of a bar is drawn in reverse video (ESC[7m).
                screen = RealPwsh.Exec("tmux", "-L", socket, "capture-pane", "-e", "-p", "-t", "t1");
                requested.AddRange(screen.Split('\n').Where(l => l.Contains("Requested", StringComparison.Ordinal)));
            }
            while (!screen.Contains("WAIT-DONE", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

            Assert.Contains("WAIT-DONE 12", screen);
            Assert.NotEmpty(requested);
            Assert.Contains(requested, l => l.Contains("more clusters in flight", StringComparison.Ordinal));
            Assert.All(requested, l => Assert.DoesNotContain("\u001b[7m", l));
        }
        finally
        {
            try
            {
                RealPwsh.Exec("tmux", "-L", socket, "kill-server");
            }
            catch (InvalidOperationException)
            {
            }

            File.Delete(script);
        }
    }
}
