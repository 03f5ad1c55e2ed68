using Xunit;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// What importing the module costs beyond PowerShell's own work: the cmdlet assembly only. The client
/// and its dependencies load on first use, so a script that imports the module and never calls it
/// pays for neither.
/// </summary>
public sealed class ModuleImportTests
{
    [Fact]
    public async Task Importing_the_module_loads_no_dependency_and_makes_no_load_context()
    {
        var script = Path.Combine(Path.GetTempPath(), "t1-import-" + Guid.NewGuid().ToString("N") + ".ps1");
        await File.WriteAllTextAsync(script, $$"""
            Import-Module '{{RepoPaths.ModuleManifest}}' -ErrorAction Stop
            $ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -like '*TensorOne*' }
            'assemblies: ' + (($ours | ForEach-Object { [IO.Path]::GetFileName($_.Location) } | Sort-Object) -join ',')
            'contexts: ' + (([Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique) -join ',')
            """);
        try
        {
            var (output, errors, exitCode) = await RealPwsh.RunAsync(script, TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, errors);
            Assert.Contains("assemblies: TensorOne.PowerShell.dll" + Environment.NewLine, output, StringComparison.Ordinal);
            Assert.DoesNotContain("DependencyLoadContext", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
