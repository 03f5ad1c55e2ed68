using System.Runtime.Loader;

namespace TensorOne.PowerShell.Tests;

public sealed class DependencyIsolationTests
{
    [Fact]
    public async Task Module_works_in_an_engine_that_already_loaded_its_own_System_Text_Json()
    {
        await using var server = await TensorOne.Simulator.SimulatorServer.StartAsync();
        server.State.AddCluster("cluster_iso", "iso");
        using var session = new PowerShellSession(server, beforeImport: runspace =>
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = runspace;
            var loaded = ps.AddScript("[System.Text.Json.JsonDocument]::Parse('[1, 2, 3]', [System.Text.Json.JsonDocumentOptions]::new()).RootElement.GetArrayLength()").Invoke();
            Assert.Equal(3, Assert.Single(loaded).BaseObject);
        });

        var result = session.Run("(Get-T1Cluster cluster_iso).Name; [System.Text.Json.JsonDocument]::Parse('{\"a\":1}', [System.Text.Json.JsonDocumentOptions]::new()).RootElement.GetProperty('a').GetInt32()");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "iso", "1" }, result.Output.Select(o => o.BaseObject.ToString()));
        var client = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "TensorOne.Client");
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(client));
        Assert.StartsWith(Path.Combine(RepoPaths.Root, "out", "TensorOne", "dependencies"), client.Location);
        var polly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Polly.Core");
        Assert.Same(AssemblyLoadContext.GetLoadContext(client), AssemblyLoadContext.GetLoadContext(polly));
    }
}
