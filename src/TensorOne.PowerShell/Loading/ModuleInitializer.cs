using System.Management.Automation;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported. It makes the assemblies in dependencies/ resolvable without
/// letting them collide with the host's: a load context on PowerShell 7, a resolving handler on
/// Windows PowerShell 5.1 (which applies no binding redirects for modules). Removing the module
/// removes the resolver once no other import uses it.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => ResolverRegistration.Acquire();

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        ModuleSession.DisposeClients();
        ResolverRegistration.Release();
    }
}
