namespace TensorOne.PowerShell.Tests;

internal static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string ModuleManifest => Path.Combine(Root, "out", "TensorOne", "TensorOne.psd1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TensorOne.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (TensorOne.PowerShell.sln) was not found above " + AppContext.BaseDirectory);
    }
}
