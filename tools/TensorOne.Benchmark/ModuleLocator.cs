namespace TensorOne.Benchmark;

/// <summary>Finds the staged module from the benchmark's own binaries, so it runs from any current directory.</summary>
internal static class ModuleLocator
{
    /// <returns>out/TensorOne/TensorOne.psd1 under the nearest ancestor holding the solution, or null.</returns>
    public static string? FindManifest(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TensorOne.PowerShell.sln")))
            {
                return Path.Combine(dir.FullName, "out", "TensorOne", "TensorOne.psd1");
            }
        }

        return null;
    }
}
