using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported. It makes the assemblies in dependencies/ resolvable without
/// letting them collide with the host's: a load context on PowerShell 7, a resolving handler on
/// Windows PowerShell 5.1 (which applies no binding redirects for modules).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static bool _installed;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (IsNetFramework())
            {
                FrameworkResolver.Install();
            }
            else
            {
                InstallCoreResolver();
            }

            _installed = true;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => ModuleSession.DisposeClients();

    // Its own method, never inlined: JIT-compiling OnImport on Windows PowerShell must not touch
    // AssemblyLoadContext, which .NET Framework does not have.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InstallCoreResolver() => CoreResolver.Install();

    private static bool IsNetFramework() =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
}
