using System.Text.Json;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Scripts as users write them, with the built-in modules the engine ships (Microsoft.PowerShell.SDK):
/// Select-Object, ConvertTo-Json, Format-Table and Write-Warning around the module's output.
/// </summary>
public sealed class FullEngineTests
{
    private const string IdleReport = """
        $idle = @(Get-T1Cluster -Status running | Where-Object IdleTime -gt '00:30:00')
        if ($idle.Count -eq 0) { Write-Warning 'No idle clusters.' }
        ConvertTo-Json -Compress -InputObject @($idle | Sort-Object Id | Select-Object Id, Name, HourlyRate)
        """;

    [Fact]
    public async Task A_report_script_selects_and_converts_module_output_to_json()
    {
        await using var h = await Harness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        h.State.AddCluster("cluster_idle", "idle-one", hourlyRate: 2.5, lastAccessed: now.AddHours(-3));
        h.State.AddCluster("cluster_busy", "busy-one", hourlyRate: 9, lastAccessed: now);

        var result = h.Run(IdleReport);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        using var json = JsonDocument.Parse(Assert.Single(result.Output).BaseObject.ToString()!);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("cluster_idle", row.GetProperty("Id").GetString());
        Assert.Equal("idle-one", row.GetProperty("Name").GetString());
        Assert.Equal(2.5m, row.GetProperty("HourlyRate").GetDecimal());
        Assert.Equal(new[] { "Id", "Name", "HourlyRate" }, row.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_report_script_warns_through_Write_Warning_when_nothing_matches()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_busy", "busy-one", lastAccessed: DateTimeOffset.UtcNow);

        var result = h.Run(IdleReport);

        Assert.Empty(result.Errors);
        Assert.Equal("No idle clusters.", Assert.Single(result.Warnings).Message);
        Assert.Equal("[]", Assert.Single(result.Output).BaseObject.ToString());
    }

    [Fact]
    public async Task Format_Table_with_chosen_columns_renders_one_row_per_cluster()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_a", "alpha", gpuType: "A100", hourlyRate: 3.25);
        h.State.AddCluster("cluster_b", "beta", gpuType: "H100", hourlyRate: 12);

        var result = h.Run("Get-T1Cluster | Format-Table Id, GpuType, HourlyRate -AutoSize | Out-String -Width 120");

        Assert.Empty(result.Errors);
        var lines = Assert.Single(result.Output).BaseObject.ToString()!
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^Id\s+GpuType\s+HourlyRate$", lines[0]);
        Assert.Matches(@"^cluster_a\s+A100\s+3\.25$", lines[2]);
        Assert.Matches(@"^cluster_b\s+H100\s+12(\.00)?$", lines[3]);
    }
}
