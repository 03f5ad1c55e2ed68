using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Xunit;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The gallery package, packed the way build.ps1 -Task Package packs it, checked against the staged
/// module and against the manifest as PowerShell itself reads it (Test-ModuleManifest), so the
/// package step's own manifest reader cannot drift from PowerShell's.
/// </summary>
public sealed class PackageTests
{
    // NuGet's own parts of every package; everything else must be the module, file for file.
    private static readonly string[] NuGetParts = { "[Content_Types].xml", "_rels/", "package/", "TensorOne.nuspec" };

    [Fact]
    public async Task Package_holds_the_staged_module_at_its_root_with_the_gallery_metadata_of_the_manifest()
    {
        var manifest = ReadManifest();
        var output = Directory.CreateTempSubdirectory("t1pack-");
        try
        {
            await PackAsync(output.FullName);

            var package = Assert.Single(output.GetFiles("*.nupkg"));
            Assert.Equal($"TensorOne.{manifest.Version}.nupkg", package.Name);
            using var zip = ZipFile.OpenRead(package.FullName);

            var staged = Path.GetDirectoryName(RepoPaths.ModuleManifest)!;
            var expected = Directory.GetFiles(staged, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staged, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            var moduleEntries = zip.Entries
                .Where(e => e.Length > 0 || !e.FullName.EndsWith('/'))
                .Where(e => !NuGetParts.Any(p => p.EndsWith('/') ? e.FullName.StartsWith(p, StringComparison.Ordinal) : e.FullName == p))
                .ToDictionary(e => Uri.UnescapeDataString(e.FullName), StringComparer.Ordinal);
            Assert.Equal(expected, moduleEntries.Keys.OrderBy(f => f, StringComparer.Ordinal).ToArray());
            Assert.Contains("TensorOne.psd1", expected);
            Assert.Contains("TensorOne.PowerShell.dll", expected);
            Assert.Contains("TensorOne.format.ps1xml", expected);
            Assert.Contains(expected, f => f.StartsWith("dependencies/", StringComparison.Ordinal));
            foreach (var (path, entry) in moduleEntries)
            {
                using var stream = entry.Open();
                Assert.True(
                    SHA256.HashData(stream).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(staged, path)))),
                    path + " differs from the staged file");
            }

            var nuspecEntry = zip.GetEntry("TensorOne.nuspec");
            Assert.NotNull(nuspecEntry);
            using var nuspecStream = nuspecEntry!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

            Assert.Equal("TensorOne", Field("id"));
            Assert.Equal(manifest.Version, Field("version"));
            Assert.Equal(manifest.Author, Field("authors"));
            Assert.Equal(manifest.Description, Field("description"));
            Assert.Equal(manifest.Copyright, Field("copyright"));
            Assert.Equal(manifest.ProjectUri, Field("projectUrl"));
            Assert.Equal(manifest.LicenseUri, Field("licenseUrl"));
            Assert.Equal(manifest.ReleaseNotes, Field("releaseNotes"));
            Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies" && e.HasElements);

            var tags = Field("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var required = new[] { "PSModule", "PSIncludes_Cmdlet", "PSEdition_Desktop", "PSEdition_Core", "Windows", "Linux", "MacOS" }
                .Concat(manifest.Tags)
                .Concat(manifest.Cmdlets.Select(c => "PSCmdlet_" + c))
                .Concat(manifest.Cmdlets.Select(c => "PSCommand_" + c));
            foreach (var tag in required)
            {
                Assert.Contains(tag, tags);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The manifest as PowerShell reads it.</summary>
    private static ManifestFacts ReadManifest()
    {
        using var session = new PowerShellSession();
        var result = session.Run(
            """
            $m = Test-ModuleManifest -Path $manifest -ErrorAction Stop
            [string]$m.Version
            $m.Author
            $m.Description
            $m.Copyright
            [string]$m.ProjectUri
            [string]$m.LicenseUri
            $m.ReleaseNotes
            $m.Tags -join ' '
            $m.ExportedCmdlets.Keys -join ' '
            [string]$m.PrivateData.PSData.Prerelease
            """,
            new() { ["manifest"] = RepoPaths.ModuleManifest });
        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        var values = result.Output.Select(o => o?.BaseObject?.ToString() ?? "").ToArray();
        Assert.Equal(10, values.Length);
        return new ManifestFacts(
            values[9].Length == 0 ? values[0] : values[0] + "-" + values[9], values[1], values[2], values[3], values[4], values[5], values[6],
            values[7].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            values[8].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The package step build.ps1 runs, minus rebuilding the module: the test run already built and
    /// staged it, and restaging out/TensorOne would pull it from under tests running in parallel.
    /// </summary>
    private static async Task PackAsync(string outputDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "pack", Path.Combine(RepoPaths.Root, "build", "TensorOne.Package.proj"), "-c", "Release", "-o", outputDirectory,
            "-p:BuildProjectReferences=false", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // No MSBuild or compiler server may outlive the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet pack did not finish within two minutes:\n" + await stdout);
        }

        Assert.True(process.ExitCode == 0, $"dotnet pack failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    private sealed record ManifestFacts(
        string Version,
        string Author,
        string Description,
        string Copyright,
        string ProjectUri,
        string LicenseUri,
        string ReleaseNotes,
        string[] Tags,
        string[] Cmdlets);
}
