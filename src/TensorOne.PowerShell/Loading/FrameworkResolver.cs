using System.Reflection;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework, and Mono in CI): serves dependencies/ to the AppDomain,
/// which applies no binding redirects for modules. It answers only what <see cref="ShippedDependencies"/>
/// allows, and is removed with the module. Kept free of System.Management.Automation so the Mono leg
/// of the tests can install exactly this handler.
/// </summary>
internal static class FrameworkResolver
{
    private static readonly Lazy<ShippedDependencies> Shipped = new(() => new ShippedDependencies(typeof(FrameworkResolver).Assembly, DependencyFolder.Path));

    public static void Install() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    public static void Remove() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var path = Shipped.Value.PathFor(new AssemblyName(args.Name), args.RequestingAssembly);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
