using System.Reflection;
using System.Runtime.Loader;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// PowerShell 7 only. The client and its dependencies load here, apart from whatever versions of
/// System.Text.Json, Polly and friends PowerShell or other modules have already loaded.
/// An assembly the host already provides at the requested version or newer is shared instead:
/// two copies of System.Memory or System.Text.Json would only cost memory and start-up time.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly HostAssemblies _host = new();

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (_host.Satisfies(assemblyName))
        {
            return null; // fall back to the default context
        }

        var path = DependencyFolder.Find(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
