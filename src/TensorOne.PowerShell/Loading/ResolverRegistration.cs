using System.Runtime.CompilerServices;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Installs the resolver this runtime needs on the first import and removes it when the last import
/// is removed: several runspaces may import the module, and Remove-Module in one must not take the
/// resolver from another still using it. Free of System.Management.Automation so the Mono smoke
/// makes the same choice as the module.
/// </summary>
internal static class ResolverRegistration
{
    private static readonly object Gate = new();
    private static int _imports;

    /// <summary>The resolver in place for this runtime (installed now or by an earlier import).</summary>
    public static string Installed { get; private set; } = "none";

    public static string Acquire()
    {
        lock (Gate)
        {
            if (_imports++ == 0)
            {
                if (FrameworkRuntime.IsCurrent)
                {
                    FrameworkResolver.Install();
                    Installed = nameof(FrameworkResolver);
                }
                else
                {
                    InstallCoreResolver();
                    Installed = nameof(CoreResolver);
                }
            }

            return Installed;
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (_imports == 0 || --_imports > 0)
            {
                return;
            }

            if (FrameworkRuntime.IsCurrent)
            {
                FrameworkResolver.Remove();
            }
            else
            {
                RemoveCoreResolver();
            }

            Installed = "none";
        }
    }

    // Their own methods, never inlined: JIT-compiling Acquire on Windows PowerShell must not touch
    // AssemblyLoadContext, which .NET Framework does not have.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InstallCoreResolver() => CoreResolver.Install();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RemoveCoreResolver() => CoreResolver.Remove();
}
