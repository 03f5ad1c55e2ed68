using System.Reflection;
using System.Runtime.Loader;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// PowerShell 7: the default context asks us only for the client (the one assembly the cmdlets
/// reference directly); it is loaded into <see cref="DependencyLoadContext"/>, and everything the
/// client needs then resolves there. Kept in its own class so Windows PowerShell never loads
/// AssemblyLoadContext.
/// </summary>
internal static class CoreResolver
{
    private const string ClientAssemblyName = "TensorOne.Client";

    private static readonly DependencyLoadContext Context = new();

    public static void Install() => AssemblyLoadContext.Default.Resolving += Resolve;

    public static void Remove() => AssemblyLoadContext.Default.Resolving -= Resolve;

    private static Assembly? Resolve(AssemblyLoadContext defaultContext, AssemblyName name) =>
        string.Equals(name.Name, ClientAssemblyName, StringComparison.OrdinalIgnoreCase) && DependencyFolder.Find(name) is not null
            ? Context.LoadFromAssemblyName(name)
            : null;
}
