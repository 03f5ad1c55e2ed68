using System.IO;
using System.Reflection;

namespace TensorOne.PowerShell.Loading;

/// <summary>
/// What the Windows PowerShell 5.1 resolver may answer: a reference made by one of our own
/// assemblies (the cmdlet assembly, or one loaded from dependencies/) to an assembly dependencies/
/// ships, with the same public key, at the shipped version or an older one. The older versions are
/// what an app.config binding redirect would map (Polly.Core asks for Microsoft.Bcl.TimeProvider
/// 8.0.0.0 and we ship 10.0.0.0); a newer one is refused, since our copy could lack what it needs.
/// Anything another module asks for is left to that module, even a name we ship.
/// </summary>
internal sealed class ShippedDependencies
{
    private readonly Assembly _owner;
    private readonly string _folder;
    private readonly Dictionary<string, (AssemblyName Identity, string Path)> _shipped = new(StringComparer.OrdinalIgnoreCase);

    public ShippedDependencies(Assembly owner, string folder)
    {
        _owner = owner;
        _folder = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(_folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(_folder, "*.dll"))
        {
            try
            {
                var identity = AssemblyName.GetAssemblyName(path);
                if (identity.Name is not null)
                {
                    _shipped[identity.Name] = (identity, path);
                }
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                // Not an assembly: nothing to serve.
            }
        }
    }

    /// <summary>The shipped file that answers <paramref name="requested"/> for <paramref name="requester"/>, or null.</summary>
    public string? PathFor(AssemblyName requested, Assembly? requester)
    {
        if (requester is null || !IsOurs(requester) || requested.Name is null || !_shipped.TryGetValue(requested.Name, out var shipped))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(requested.CultureName) || !SameKey(requested.GetPublicKeyToken(), shipped.Identity.GetPublicKeyToken()))
        {
            return null;
        }

        return requested.Version is null || requested.Version <= shipped.Identity.Version ? shipped.Path : null;
    }

    private bool IsOurs(Assembly requester)
    {
        if (requester == _owner)
        {
            return true;
        }

        // Another module may ship an assembly of the same name and version: only the file tells ours
        // apart (the cmdlet assembly's own file too, should the host have loaded it a second time).
        if (requester.IsDynamic || string.IsNullOrEmpty(requester.Location))
        {
            return false;
        }

        var location = System.IO.Path.GetFullPath(requester.Location);
        return string.Equals(System.IO.Path.GetDirectoryName(location), _folder, StringComparison.OrdinalIgnoreCase)
            || (!_owner.IsDynamic && !string.IsNullOrEmpty(_owner.Location) && string.Equals(location, System.IO.Path.GetFullPath(_owner.Location), StringComparison.OrdinalIgnoreCase));
    }

    private static bool SameKey(byte[]? requested, byte[]? shipped) =>
        (requested is null || requested.Length == 0)
            ? shipped is null || shipped.Length == 0
            : shipped is not null && System.Linq.Enumerable.SequenceEqual(requested, shipped);
}
