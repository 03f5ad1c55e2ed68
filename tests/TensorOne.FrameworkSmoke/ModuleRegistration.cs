using System;
using System.Linq;
using System.Reflection;

namespace TensorOne.FrameworkSmoke;

/// <summary>
/// The module's ResolverRegistration (what ModuleInitializer calls on import and removal), reached by
/// reflection: the cmdlet assembly cannot be referenced here, it needs System.Management.Automation.
/// </summary>
internal sealed class ModuleRegistration
{
    private readonly Type _type;

    public ModuleRegistration(Assembly cmdlets) =>
        _type = cmdlets.GetType("TensorOne.PowerShell.Loading.ResolverRegistration", throwOnError: true);

    public string Acquire() => (string)Invoke("Acquire")!;

    public void Release() => Invoke("Release");

    /// <summary>How many of the module's handlers the AppDomain's AssemblyResolve event holds now.</summary>
    public string FrameworkHandlers()
    {
        // The event's backing field: "AssemblyResolve" on Mono, "_AssemblyResolve" on .NET Framework.
        var field = typeof(AppDomain).GetField("AssemblyResolve", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? typeof(AppDomain).GetField("_AssemblyResolve", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field is null)
        {
            return "unknown (no AssemblyResolve field)";
        }

        var handlers = (field.GetValue(AppDomain.CurrentDomain) as Delegate)?.GetInvocationList() ?? new Delegate[0];
        return handlers.Count(h => h.Method.DeclaringType?.FullName == "TensorOne.PowerShell.Loading.FrameworkResolver") + " FrameworkResolver";
    }

    private object? Invoke(string method) =>
        _type.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null);
}
