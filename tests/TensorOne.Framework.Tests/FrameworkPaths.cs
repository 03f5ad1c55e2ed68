using System.Reflection;

namespace TensorOne.Framework.Tests;

internal static class FrameworkPaths
{
    public static readonly string Root = FindRoot();

    public static string Module => Path.Combine(Root, "out", "TensorOne");

    public static string Dependencies => Path.Combine(Module, "dependencies");

    public static string SmokeProgram => Path.GetFullPath(Metadata("SmokeProgram"));

    /// <summary>The .NET Framework 4.7.2 reference assemblies (Microsoft.NETFramework.ReferenceAssemblies.net472).</summary>
    public static string Net472ReferenceSet => Path.Combine(
        Metadata("NuGetPackageRoot"), "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");

    private static string Metadata(string key) =>
        typeof(FrameworkPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The build did not record {key}.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TensorOne.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (TensorOne.PowerShell.sln) was not found above " + AppContext.BaseDirectory);
    }
}
