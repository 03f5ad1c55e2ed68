namespace TensorOne.Client.Http;

/// <summary>
/// Whether this process runs the .NET Framework model (no AssemblyLoadContext in the core library):
/// .NET Framework under Windows PowerShell 5.1, and Mono, which CI runs in its place. Asked of the
/// runtime itself, not of its description string, which says "Mono" there.
/// </summary>
internal static class FrameworkRuntime
{
    public static readonly bool IsCurrent =
        typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false) is null;
}
