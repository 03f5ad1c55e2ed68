namespace TensorOne.Demo;

/// <summary>
/// Finds the repository from the demo's own binaries, so the demo works from any current
/// directory and no path to the staged module has to be passed in.
/// </summary>
internal static class RepoRootLocator
{
    private const string SolutionName = "TensorOne.PowerShell";

    /// <returns>The nearest ancestor of <paramref name="start"/> holding the solution file, or null.</returns>
    public static string? Find(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            // .slnx too: `dotnet new sln` writes that format from SDK 10 on.
            if (File.Exists(Path.Combine(dir.FullName, SolutionName + ".sln"))
                || File.Exists(Path.Combine(dir.FullName, SolutionName + ".slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
