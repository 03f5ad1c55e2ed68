using System.IO;
using System.Reflection;

namespace TensorOne.PowerShell.Loading;

/// <summary>The module's dependencies/ folder, beside the cmdlet assembly.</summary>
internal static class DependencyFolder
{
    public static readonly string Path = System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(typeof(DependencyFolder).Assembly.Location) ?? ".",
        "dependencies");

    /// <summary>The file that would satisfy <paramref name="name"/>, if the module ships it.</summary>
    public static string? Find(AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.Name))
        {
            return null;
        }

        var candidate = System.IO.Path.Combine(Path, name.Name + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }
}
