using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace TensorOne.Framework.Tests;

/// <summary>
/// Windows PowerShell 5.1 loads the module on .NET Framework 4.7.2+, with no binding redirects. Every
/// assembly reference in the staged module must be satisfied there: by dependencies/ (through the
/// module's AssemblyResolve handler), by the cmdlet assembly, or by the framework itself. A reference
/// that none of them satisfies is a FileNotFoundException on 5.1, found here instead.
/// </summary>
public sealed class AssemblyReferenceTests
{
    private const string CmdletAssembly = "TensorOne.PowerShell";

    /// <summary>References only the cmdlet assembly may make, each for a reason that holds on 5.1.</summary>
    private static readonly Dictionary<string, string> CmdletOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["System.Management.Automation"] = "the engine: Windows PowerShell 5.1 supplies it",
        ["System.Runtime.Loader"] = "used only by CoreResolver, which ResolverRegistration never reaches on .NET Framework",
    };

    [Fact]
    public void Every_reference_in_the_staged_module_resolves_on_net_framework_472()
    {
        Assert.True(Directory.Exists(FrameworkPaths.Net472ReferenceSet), "No .NET Framework 4.7.2 reference set at " + FrameworkPaths.Net472ReferenceSet);
        var framework = ReferenceSet(FrameworkPaths.Net472ReferenceSet);
        var shipped = Directory.EnumerateFiles(FrameworkPaths.Dependencies, "*.dll")
            .ToDictionary(file => Path.GetFileNameWithoutExtension(file), file => ReadIdentity(file) ?? throw new InvalidOperationException(file + " is not an assembly."), StringComparer.OrdinalIgnoreCase);
        var assemblies = Directory.EnumerateFiles(FrameworkPaths.Module, "*.dll", SearchOption.AllDirectories).ToList();
        Assert.Contains(assemblies, a => Path.GetFileName(a) == CmdletAssembly + ".dll");
        Assert.Contains(assemblies, a => Path.GetFileName(a) == "TensorOne.Client.dll");

        var problems = new List<string>();
        foreach (var file in assemblies)
        {
            var owner = Path.GetFileNameWithoutExtension(file);
            foreach (var (name, version) in ReadReferences(file))
            {
                var problem = Resolve(owner, name, version, shipped, framework);
                if (problem is not null)
                {
                    problems.Add($"{Path.GetRelativePath(FrameworkPaths.Module, file)} -> {name} {version}: {problem}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Would fail to load on Windows PowerShell 5.1:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_reference_set_check_refuses_what_net_framework_472_lacks()
    {
        // The check above must be able to fail: an assembly .NET Framework 4.7.2 does not have, and
        // a newer version of one it has, are both refused.
        var framework = ReferenceSet(FrameworkPaths.Net472ReferenceSet);
        var none = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        Assert.NotNull(Resolve("TensorOne.Client", "System.Runtime.Loader", new Version(4, 0, 0, 0), none, framework));
        Assert.NotNull(Resolve("TensorOne.Client", "System.Memory", new Version(4, 0, 1, 0), none, framework));
        Assert.NotNull(Resolve("TensorOne.Client", "System.Net.Http", new Version(99, 0, 0, 0), none, framework));
        Assert.Null(Resolve("TensorOne.Client", "System.Net.Http", new Version(4, 0, 0, 0), none, framework));
        Assert.Null(Resolve("TensorOne.Client", "netstandard", new Version(2, 0, 0, 0), none, framework));
    }

    private static string? Resolve(string owner, string name, Version version, IReadOnlyDictionary<string, Version> shipped, IReadOnlyDictionary<string, Version> framework)
    {
        if (string.Equals(name, CmdletAssembly, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (CmdletOnly.ContainsKey(name))
        {
            return string.Equals(owner, CmdletAssembly, StringComparison.OrdinalIgnoreCase) ? null : "only the cmdlet assembly may reference it (" + CmdletOnly[name] + ")";
        }

        // The resolver serves whatever version the folder holds; an older one than referenced can
        // lack members the caller needs.
        if (shipped.TryGetValue(name, out var shippedVersion))
        {
            return shippedVersion >= version ? null : $"dependencies/ holds only {shippedVersion}";
        }

        if (framework.TryGetValue(name, out var frameworkVersion))
        {
            return frameworkVersion >= version ? null : $".NET Framework 4.7.2 has only {frameworkVersion}, and dependencies/ does not ship it";
        }

        return "neither in dependencies/ nor in .NET Framework 4.7.2";
    }

    private static Dictionary<string, Version> ReferenceSet(string directory) =>
        Directory.EnumerateFiles(directory, "*.dll")
            .Concat(Directory.EnumerateFiles(Path.Combine(directory, "Facades"), "*.dll"))
            .Select(file => (Name: Path.GetFileNameWithoutExtension(file), Version: ReadIdentity(file)))
            .Where(entry => entry.Version is not null)
            .ToDictionary(entry => entry.Name, entry => entry.Version!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The assembly's version; null for a file that is not an assembly (the reference set holds a few).</summary>
    private static Version? ReadIdentity(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }

        var reader = pe.GetMetadataReader();
        return reader.IsAssembly ? reader.GetAssemblyDefinition().Version : null;
    }

    private static List<(string Name, Version Version)> ReadReferences(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
