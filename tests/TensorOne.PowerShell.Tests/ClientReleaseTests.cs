using Xunit.Abstractions;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Connections own their clients: a refused key leaves no client, socket or copy of the key behind,
/// Disconnect-T1Account releases the client it used, and removing the module in one runspace lets
/// another runspace's requests in flight finish and report.
/// </summary>
[Collection(ProcessConnectionCollection.Name)]
public sealed class ClientReleaseTests
{
    private readonly ITestOutputHelper _log;

    public ClientReleaseTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public async Task Two_hundred_rejected_keys_leave_sockets_and_heap_flat()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_test_accepted_" + Guid.NewGuid().ToString("N") });

        // A fresh pwsh, so nothing else in the process opens sockets or fills the heap meanwhile.
        var script = RealPwsh.WriteScript(server, """
            function Get-SocketCount { @(Get-ChildItem /proc/self/fd | Where-Object { "$($_.LinkTarget)" -like 'socket:*' }).Count }
            function Get-Heap { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::GetTotalMemory($true) }
            function Connect-Rejected([int] $n) {
                $s = [System.Security.SecureString]::new()
                foreach ($c in ('tpo_test_rejected_{0:d6}_0123456789abcdef' -f $n).ToCharArray()) { $s.AppendChar($c) }
                try { Connect-T1Account -ApiKey $s -BaseUri $env:TENSORONE_BASE_URI -ErrorAction Stop | Out-Null } catch { }
            }

            # One first, so the code paths are loaded and JIT-compiled before the baseline.
            Connect-Rejected 0
            $Error.Clear()
            $socketsBefore = Get-SocketCount
            $heapBefore = Get-Heap
            foreach ($n in 1..200) { Connect-Rejected $n }
            $Error.Clear()
            $socketsAfter = Get-SocketCount
            $heapAfter = Get-Heap
            "sockets=$socketsBefore->$socketsAfter"
            "heap=$heapBefore->$heapAfter"
            """);
        try
        {
            var (output, errors, _) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(3));

            var sockets = Figures(output, "sockets");
            var heap = Figures(output, "heap");
            _log.WriteLine($"after 200 rejected keys: sockets {sockets.Before} -> {sockets.After}, heap {heap.Before} -> {heap.After} bytes");
            Assert.True(sockets.After - sockets.Before <= 3, $"sockets {sockets.Before} -> {sockets.After}\n{output}\n{errors}");
            Assert.True(heap.After - heap.Before < 1_000_000, $"heap {heap.Before} -> {heap.After} bytes\n{output}\n{errors}");
            Assert.Equal(201, server.State.Requests.Count(r => r.StatusCode == 401));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Clients_of_many_keys_are_bounded_in_number()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_test_bounded_" + Guid.NewGuid().ToString("N") });

        // Unchecked keys that each send a command: every one gets a client, and the pool keeps only the most recent.
        var script = RealPwsh.WriteScript(server, """
            function Get-SocketCount { @(Get-ChildItem /proc/self/fd | Where-Object { "$($_.LinkTarget)" -like 'socket:*' }).Count }
            $socketsBefore = Get-SocketCount
            foreach ($n in 1..30) {
                $s = [System.Security.SecureString]::new()
                foreach ($c in ('tpo_test_unchecked_{0:d4}_0123456789abcdef' -f $n).ToCharArray()) { $s.AppendChar($c) }
                Connect-T1Account -ApiKey $s -BaseUri $env:TENSORONE_BASE_URI -SkipValidation | Out-Null
                try { Get-T1Cluster -Id cluster_any -ErrorAction Stop } catch { }
            }
            "sockets=$socketsBefore->$(Get-SocketCount)"
            """);
        try
        {
            var (output, errors, _) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(3));

            var sockets = Figures(output, "sockets");
            _log.WriteLine($"after 30 keys each used once: sockets {sockets.Before} -> {sockets.After}");
            Assert.True(sockets.After - sockets.Before <= 10, $"sockets {sockets.Before} -> {sockets.After}\n{output}\n{errors}");
            Assert.Equal(30, server.State.Requests.Count(r => r.StatusCode == 401));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Disconnect_releases_the_client_and_its_sockets()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { ApiKey = "tpo_test_released_" + Guid.NewGuid().ToString("N") }, ("cluster_release", "release"));
        var script = RealPwsh.WriteScript(server, """
            function Get-SocketCount { @(Get-ChildItem /proc/self/fd | Where-Object { "$($_.LinkTarget)" -like 'socket:*' }).Count }
            $socketsBefore = Get-SocketCount
            $s = [System.Security.SecureString]::new()
            foreach ($c in $env:TENSORONE_API_KEY.ToCharArray()) { $s.AppendChar($c) }
            Connect-T1Account -ApiKey $s -BaseUri $env:TENSORONE_BASE_URI | Out-Null
            $null = Get-T1Cluster -Id cluster_release
            $socketsConnected = Get-SocketCount
            Disconnect-T1Account -WarningAction SilentlyContinue
            "sockets=$socketsBefore->$socketsConnected->$(Get-SocketCount)"
            """);
        try
        {
            var (output, errors, _) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(2));

            var line = output.Split('\n').Single(l => l.StartsWith("sockets=", StringComparison.Ordinal)).Trim();
            var counts = line["sockets=".Length..].Split("->").Select(int.Parse).ToArray();
            Assert.True(counts[1] > counts[0], $"no socket was open while connected: {line}\n{errors}");
            Assert.True(counts[2] == counts[0], $"the disconnected client kept its sockets: {line}\n{errors}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Removing_the_module_in_one_runspace_lets_another_runspaces_requests_in_flight_finish()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { StopPhaseSeconds = 0.2, Latency = TimeSpan.FromSeconds(2) }, ("cluster_stopping", "stopping"));
        foreach (var n in new[] { 1, 2, 3 })
        {
            server.State.AddCluster("cluster_read" + n, "read" + n);
        }

        using var main = new PowerShellSession(server);
        using var stopper = new PowerShellSession(server);
        using var reader = new PowerShellSession(server);
        using var stop = InFlight.Start(stopper, "$DebugPreference = 'Continue'; Stop-T1Cluster -Id cluster_stopping", "POST ", 1);
        using var reads = InFlight.Start(reader, "$DebugPreference = 'Continue'; Get-T1Cluster -Id cluster_read1, cluster_read2, cluster_read3", "GET ", 3);
        await Task.WhenAll(stop.Sent, reads.Sent).WaitAsync(TimeSpan.FromSeconds(30));

        var removed = main.Run("Remove-Module TensorOne");

        Assert.True(removed.Errors.Count == 0 && removed.Terminating is null, removed.AllText);
        var stopped = stop.End();
        var read = reads.End();
        _log.WriteLine($"stop: {stopped.Output.Count} objects, {stopped.Errors.Count} errors, {stopped.Warnings.Count} warnings; reads: {read.Output.Count} objects, {read.Errors.Count} errors, {read.Warnings.Count} warnings");
        Assert.Equal(1, server.State.CommittedStops("cluster_stopping"));
        Assert.True(stopped.Output.Count == 1 && stopped.Errors.Count == 0, $"stop: {stopped.Output.Count} objects, {stopped.Errors.Count} errors, {stopped.Warnings.Count} warnings {stopped.Terminating}\n{stopped.AllText}");
        Assert.Equal("cluster_stopping", stopped.Output[0].Properties["Id"].Value);
        Assert.True(read.Output.Count == 3 && read.Errors.Count == 0, $"reads: {read.Output.Count} objects, {read.Errors.Count} errors, {read.Warnings.Count} warnings {read.Terminating}\n{read.AllText}");
    }

    private static (long Before, long After) Figures(string output, string name)
    {
        var line = output.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no {name} figures in:\n{output}");
        var parts = line[(name.Length + 1)..].Split("->");
        return (long.Parse(parts[0]), long.Parse(parts[1]));
    }

    /// <summary>A script started in a session of its own, known to be on the wire once its debug stream shows its requests.</summary>
    private sealed class InFlight : IDisposable
    {
        private readonly System.Management.Automation.PowerShell _ps;
        private readonly IAsyncResult _handle;
        private readonly PSDataCollection<PSObject> _output = new();
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _seen;

        private InFlight(PowerShellSession session, string script, string marker, int count)
        {
            _ps = System.Management.Automation.PowerShell.Create();
            _ps.Runspace = session.Runspace;
            _ps.AddScript(script);
            _ps.Streams.Debug.DataAdded += (_, e) =>
            {
                if (_ps.Streams.Debug[e.Index].Message.StartsWith(marker, StringComparison.Ordinal) && Interlocked.Increment(ref _seen) == count)
                {
                    _sent.TrySetResult();
                }
            };
            _handle = _ps.BeginInvoke<PSObject, PSObject>(null, _output);
        }

        public Task Sent => _sent.Task;

        public static InFlight Start(PowerShellSession session, string script, string marker, int count) => new(session, script, marker, count);

        public ScriptResult End()
        {
            RuntimeException? terminating = null;
            try
            {
                _ps.EndInvoke(_handle);
            }
            catch (RuntimeException ex)
            {
                terminating = ex;
            }

            return ScriptResult.Collect(_ps, _output.ToList(), terminating, "");
        }

        public void Dispose() => _ps.Dispose();
    }
}
