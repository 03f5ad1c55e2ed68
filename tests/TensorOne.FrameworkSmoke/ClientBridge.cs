using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace TensorOne.FrameworkSmoke;

/// <summary>
/// Installed after the module's resolver, so the AppDomain asks it only what the module's resolver
/// declined. It serves TensorOne.Client to this program (standing in for the cmdlet assembly) and
/// records every request it sees.
/// </summary>
internal sealed class ClientBridge
{
    private readonly string _dependencies;
    private readonly List<string> _asked = new();

    public ClientBridge(string dependencies) => _dependencies = dependencies;

    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (_asked)
            {
                return _asked.ToArray();
            }
        }
    }

    public Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        lock (_asked)
        {
            _asked.Add(name.Name + " " + name.Version + " for " + (args.RequestingAssembly?.GetName().Name ?? "(no requesting assembly)"));
        }

        return name.Name == "TensorOne.Client" && args.RequestingAssembly == typeof(ClientBridge).Assembly
            ? Assembly.LoadFrom(Path.Combine(_dependencies, "TensorOne.Client.dll"))
            : null;
    }
}
