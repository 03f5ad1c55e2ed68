using System.Reflection;

namespace TensorOne.PowerShell.Loading;

/// <summary>The assemblies the host process ships (its trusted platform list), with their versions.</summary>
internal sealed class HostAssemblies
{
    private readonly Lazy<Dictionary<string, string>> _paths = new(ReadTrustedPlatformAssemblies);
    private readonly Dictionary<string, Version?> _versions = new(StringComparer.OrdinalIgnoreCase);

    public bool Satisfies(AssemblyName requested)
    {
        if (requested.Name is null || !_paths.Value.TryGetValue(requested.Name, out var path))
        {
            return false;
        }

        Version? available;
        lock (_versions)
        {
            if (!_versions.TryGetValue(requested.Name, out available))
            {
                available = TryReadVersion(path);
                _versions[requested.Name] = available;
            }
        }

        return available is not null && (requested.Version is null || available >= requested.Version);
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(System.IO.Path.PathSeparator))
            {
                if (path.Length > 0)
                {
                    result[System.IO.Path.GetFileNameWithoutExtension(path)] = path;
                }
            }
        }

        return result;
    }

    private static Version? TryReadVersion(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version;
        }
        catch (Exception ex) when (ex is System.IO.IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
