using System.Reflection;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework): serves dependencies/ to the AppDomain, which applies no
/// binding redirects for modules, so any version the folder holds is accepted. Kept free of
/// System.Management.Automation so the Mono leg of the tests can install exactly this handler.
/// </summary>
internal static class FrameworkResolver
{
    public static void Install() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var path = DependencyFolder.Find(new AssemblyName(args.Name));
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
