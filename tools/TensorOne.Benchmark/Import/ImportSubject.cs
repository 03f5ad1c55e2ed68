using System.Globalization;

namespace TensorOne.Benchmark.Import;

/// <summary>
/// A module the benchmark imports: TensorOne, and beside it the floors that say how much of the
/// time is PowerShell's own: the same module without its format file, Microsoft's smallest binary
/// module shipped with pwsh (ThreadJob), and a manifest with no code at all.
/// </summary>
internal sealed record ImportSubject(string Label, string Manifest)
{
    /// <summary>
    /// A bare start runs the same timing statements around nothing, so that the ratio of the two
    /// starts is Import-Module's alone, not also the parsing and first run of the timing code.
    /// </summary>
    public static string BareCommand { get; } = Timed("$null = $null");

    /// <summary>The statement run in a fresh pwsh: Import-Module, timed from inside, wall and CPU.</summary>
    public string Command => Timed("Import-Module -Name '" + Manifest.Replace("'", "''") + "' -ErrorAction Stop");

    /// <summary>The subjects for one pwsh build; the staged copies go under <paramref name="scratch"/>.</summary>
    public static IReadOnlyList<ImportSubject> For(string manifest, string pshome, string scratch)
    {
        var subjects = new List<ImportSubject> { new("TensorOne", manifest) };

        var unformatted = Path.Combine(scratch, "without-format", "TensorOne");
        CopyDirectory(Path.GetDirectoryName(manifest)!, unformatted);
        var copy = Path.Combine(unformatted, Path.GetFileName(manifest));
        File.WriteAllLines(copy, File.ReadAllLines(copy).Where(line => !line.TrimStart().StartsWith("FormatsToProcess", StringComparison.Ordinal)));
        subjects.Add(new("TensorOne without its format file", copy));

        var threadJob = Path.Combine(pshome, "Modules", "Microsoft.PowerShell.ThreadJob", "Microsoft.PowerShell.ThreadJob.psd1");
        if (File.Exists(threadJob))
        {
            subjects.Add(new("ThreadJob (Microsoft's, binary)", threadJob));
        }

        var empty = Path.Combine(scratch, "Empty", "Empty.psd1");
        Directory.CreateDirectory(Path.GetDirectoryName(empty)!);
        File.WriteAllText(empty, "@{ ModuleVersion = '1.0.0'; FunctionsToExport = @(); CmdletsToExport = @(); AliasesToExport = @() }");
        subjects.Add(new("a manifest with no code", empty));
        return subjects;
    }

    private static string Timed(string statement) =>
        "$p = [Diagnostics.Process]::GetCurrentProcess(); $cpu = $p.TotalProcessorTime; $s = [Diagnostics.Stopwatch]::StartNew(); "
        + statement + "; $wall = $s.Elapsed.TotalMilliseconds; $p.Refresh(); "
        + "[Console]::Out.Write([string]::Format([cultureinfo]::InvariantCulture, '{0} {1}', $wall, ($p.TotalProcessorTime - $cpu).TotalMilliseconds))";

    public static (double Wall, double Cpu) ParseTimes(string output)
    {
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
