using System.Diagnostics;
using TensorOne.Tests.Measure;
using Xunit.Abstractions;

namespace TensorOne.PowerShell.Tests.Measure;

/// <summary>
/// Not a test: what each odd input or hostile-server scenario costs at the command line (time,
/// requests the server saw, what the user was told). Run by hand: TENSORONE_MEASURE=1 dotnet test tests/TensorOne.PowerShell.Tests -c Release --filter Category=Measure.
/// </summary>
[Trait("Category", "Measure")]
public sealed class CmdletFaultScenarioFigures(ITestOutputHelper output)
{
    [MeasureTheory]
    [InlineData("hashtable piped", "@{Foo='bar'} | Stop-T1Cluster", null)]
    [InlineData("empty -Configuration", "Restart-T1Cluster cluster_m -Configuration @{}", null)]
    [InlineData("empty -PortMapping", "Restart-T1Cluster cluster_m -PortMapping @{}", null)]
    [InlineData("ids differing in case", "'cluster_m', 'CLUSTER_M' | Stop-T1Cluster", null)]
    [InlineData("307 redirect", "Stop-T1Cluster cluster_m", FaultKind.Redirect)]
    [InlineData("-Wait -TimeoutMinutes 1, POST never answered", "Stop-T1Cluster cluster_m -Wait -TimeoutMinutes 1", FaultKind.SlowBeforeHandler)]
    [InlineData("restart, bare shape, answer lost, restart over at once", "Restart-T1Cluster cluster_m", FaultKind.ResetAfterHandler)]
    public async Task Print(string name, string script, FaultKind? fault)
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.RestartPhaseSeconds = 0;
            o.Shape = name.Contains("bare", StringComparison.Ordinal) ? Simulator.ResponseShape.Bare : Simulator.ResponseShape.Envelope;
        });
        h.State.AddCluster("cluster_m", "m");
        h.State.AddCluster("CLUSTER_M", "M");
        h.Server.Options.Faults.SlowDelay = TimeSpan.FromMinutes(10);
        if (fault is { } kind)
        {
            h.Server.Options.Faults.Add(kind, 1, "POST");
        }

        var watch = Stopwatch.StartNew();
        var result = h.RunCatching(script);
        watch.Stop();
        await Task.Delay(500);
        var requests = h.State.Requests;
        var said = result.Caught is { } caught
            ? $"terminating {caught.FullyQualifiedErrorId} [{caught.CategoryInfo.Category}]: {caught.Exception.Message}"
            : string.Join(" | ", result.Errors.Select(e => $"{e.FullyQualifiedErrorId} [{e.CategoryInfo.Category}]: {e.Exception.Message}"));
        output.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:0.0} s; server saw {requests.Count} requests: {string.Join(", ", requests.Select(r => r.Method + " " + r.Path))}; "
            + $"output {result.Output.Count}, warnings {result.Warnings.Count}; {said}");
    }
}
