namespace TensorOne.PowerShell.Loading;

/// <summary>
/// Whether this process runs the .NET Framework model: no AssemblyLoadContext in the core library,
/// so dependencies can only be served through AppDomain.AssemblyResolve. True on .NET Framework
/// (Windows PowerShell 5.1) and on Mono, which CI runs in its place; the runtime's description
/// string would tell them apart ("Mono" is not ".NET Framework") and so keep Mono off these paths.
/// </summary>
internal static class FrameworkRuntime
{
    public static readonly bool IsCurrent =
        typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false) is null;
}
