namespace TensorOne.PowerShell.Tests;

public sealed class ModuleSurfaceTests
{
    private static readonly string[] Cmdlets = { "Stop-T1Cluster", "Restart-T1Cluster", "Get-T1Cluster", "Wait-T1Cluster", "Connect-T1Account", "Disconnect-T1Account", "Get-T1Account" };

    [Theory]
    [InlineData("Stop-T1Cluster", "Id,Immediate,GracePeriodMinutes,SaveState,SnapshotName,DiscardData,Force,Wait,TimeoutMinutes,Reason,NotifyUser,ThrottleLimit,AsJob,WhatIf,Confirm,Connection")]
    [InlineData("Restart-T1Cluster", "Id,Immediate,GracePeriodMinutes,Wait,TimeoutMinutes,PreserveState,Configuration,Environment,PortMapping,Reason,RestoreFromSnapshot,DockerImage,ApplySystemUpdates,ThrottleLimit,AsJob,WhatIf,Confirm,Connection")]
    [InlineData("Get-T1Cluster", "Id,Status,Name,Connection")]
    [InlineData("Connect-T1Account", "ApiKey,Credential,BaseUri,Scope,SkipValidation,PassThru")]
    [InlineData("Disconnect-T1Account", "Scope,Connection")]
    [InlineData("Wait-T1Cluster", "Id,InputObject,Status,TimeoutMinutes,Connection")]
    public void Cmdlet_has_every_contract_parameter(string cmdlet, string parameters)
    {
        using var session = new PowerShellSession();
        var actual = session.Run("(Get-Command $name).Parameters.Keys", new() { ["name"] = cmdlet })
            .Output.Select(o => o.BaseObject.ToString()).ToHashSet();
        foreach (var parameter in parameters.Split(','))
        {
            Assert.Contains(parameter, actual);
        }
    }

    [Theory]
    [InlineData("Stop-T1Cluster")]
    [InlineData("Restart-T1Cluster")]
    public void Id_binds_by_position_value_and_property_name_with_the_contract_aliases(string cmdlet)
    {
        using var session = new PowerShellSession();
        var result = session.Run(@"
            $p = (Get-Command $name).Parameters['Id']
            $a = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | ForEach-Object { $_ }
            $p.ParameterType.FullName
            $a[0].Position
            $a[0].ValueFromPipeline
            $a[0].ValueFromPipelineByPropertyName
            $a[0].Mandatory
            $p.Aliases -join ','
            ", new() { ["name"] = cmdlet });
        var values = result.Output.Select(o => o?.BaseObject?.ToString()).ToArray();
        Assert.Equal("System.String[]", values[0]);
        Assert.Equal("0", values[1]);
        Assert.Equal("True", values[2]);
        Assert.Equal("True", values[3]);
        Assert.Equal("True", values[4]);
        Assert.Contains("ClusterId", values[5]);
        Assert.Contains("cluster_id", values[5]);
    }

    [Theory]
    [InlineData("Stop-T1Cluster")]
    [InlineData("Restart-T1Cluster")]
    public void Operations_support_ShouldProcess_at_medium_impact(string cmdlet)
    {
        using var session = new PowerShellSession();
        var result = session.Run(@"
            $c = Get-Command $name
            $attr = $c.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attr.SupportsShouldProcess
            [string]$attr.ConfirmImpact
            [string]$c.OutputType[0].Name", new() { ["name"] = cmdlet });
        Assert.Equal(new[] { "True", "Medium", "TensorOne.PowerShell.T1ClusterOperation" }, result.Output.Select(o => o.BaseObject.ToString()).ToArray());
    }

    [Fact]
    public void Staged_module_holds_dependencies_apart_and_never_the_reference_engine()
    {
        var root = Path.GetDirectoryName(RepoPaths.ModuleManifest)!;
        Assert.True(File.Exists(Path.Combine(root, "TensorOne.PowerShell.dll")));
        Assert.True(File.Exists(Path.Combine(root, "TensorOne.format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(root, "dependencies", "TensorOne.Client.dll")));
        Assert.True(File.Exists(Path.Combine(root, "dependencies", "Polly.Core.dll")));
        Assert.True(File.Exists(Path.Combine(root, "dependencies", "System.Text.Json.dll")));
        Assert.Empty(Directory.GetFiles(root, "System.Management.Automation.dll", SearchOption.AllDirectories));
        Assert.Equal(new[] { "TensorOne.PowerShell.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void Cmdlet_assembly_references_no_third_party_assembly_directly()
    {
        // Third-party types in the cmdlet assembly would bind in PowerShell's default context, outside
        // the isolation; only the client (resolved by the module initializer) may be referenced.
        using var stream = File.OpenRead(Path.Combine(Path.GetDirectoryName(RepoPaths.ModuleManifest)!, "TensorOne.PowerShell.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "netstandard", "System.Management.Automation", "System.Runtime.Loader", "TensorOne.Client" }, references);
    }
}
