using System.Reflection;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Windows PowerShell 5.1 turns -Debug into $DebugPreference = 'Inquire'. Per-request debug lines
/// under Inquire would be one prompt per HTTP request; they are written only under Continue.
/// Shown here with Inquire set directly, in a host that fails on any prompt and in a real
/// non-interactive pwsh.
/// </summary>
public sealed class DebugPreferenceTests
{
    private const int Batch = 6;

    [Fact]
    public async Task A_batch_under_Inquire_raises_no_prompt_and_writes_no_per_request_line()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { StopPhaseSeconds = 0.1 });
        var ids = server.State.SeedMany(Batch, "cluster_inq_");
        using var session = new PowerShellSession(server);

        var result = session.Run("$DebugPreference = 'Inquire'; $ids | Stop-T1Cluster -Wait", new() { ["ids"] = ids.ToArray() });

        Assert.Equal(0, session.Host.Prompts);
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(Batch, result.Output.Count);
        Assert.Empty(result.Debug);
        Assert.Equal(Batch, server.State.Requests.Count(r => r.Method == "POST"));

        // Under Continue every request still has its lines.
        var restarted = session.Run("$DebugPreference = 'Continue'; $ids | Restart-T1Cluster", new() { ["ids"] = ids.ToArray() });
        Assert.Empty(restarted.Errors);
        Assert.Equal(0, session.Host.Prompts);
        Assert.All(ids, id => Assert.Contains(restarted.Debug, d => d.Message.Contains("/clusters/" + id + "/restart", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Debug", 5, false)] // Windows PowerShell 5.1: -Debug means Inquire
    [InlineData("Debug", 7, true)] // PowerShell 7: -Debug means Continue
    [InlineData("Verbose", 5, true)] // -Verbose means Continue on both
    public void A_bound_switch_writes_per_request_lines_only_where_it_means_Continue(string switchName, int engineMajor, bool writes)
    {
        using var session = new PowerShellSession();
        var rule = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "TensorOne.PowerShell")
            .GetType("TensorOne.PowerShell.Session.DetailPreference", throwOnError: true)!
            .GetMethod("Writes", BindingFlags.NonPublic | BindingFlags.Static, [typeof(string), typeof(object), typeof(object), typeof(int)])!;

        Assert.Equal(writes, rule.Invoke(null, [switchName, new System.Management.Automation.SwitchParameter(true), null, engineMajor]));
        Assert.Equal(false, rule.Invoke(null, [switchName, null, System.Management.Automation.ActionPreference.Inquire, engineMajor]));
        Assert.Equal(false, rule.Invoke(null, [switchName, null, System.Management.Automation.ActionPreference.Stop, engineMajor]));
        Assert.Equal(true, rule.Invoke(null, [switchName, null, "Continue", engineMajor]));
    }

    [Fact]
    public async Task A_batch_under_Inquire_completes_in_a_non_interactive_pwsh()
    {
        await using var server = await SimulatorServer.StartAsync();
        var ids = server.State.SeedMany(Batch, "cluster_ni_");
        var script = RealPwsh.WriteScript(server, $"""
            $DebugPreference = 'Inquire'
            $stopped = '{string.Join("','", ids)}' | Stop-T1Cluster
            'STOPPED ' + @($stopped).Count
            """);
        try
        {
            var (output, errors, exitCode) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0 && errors.Length == 0, output + errors);
            Assert.Contains("STOPPED " + Batch, output, StringComparison.Ordinal);
            Assert.Equal(Batch, server.State.Requests.Count(r => r.Method == "POST"));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
