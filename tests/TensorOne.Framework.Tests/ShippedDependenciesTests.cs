using System.Reflection;
using System.Runtime.Loader;
using TensorOne.PowerShell.Loading;
using Xunit;

namespace TensorOne.Framework.Tests;

/// <summary>
/// What the Windows PowerShell 5.1 resolver answers, against the staged dependencies/: only references
/// our own assemblies make, only for what we ship, never a newer version than we ship. Another module
/// shipping the same System.Text.Json is told apart by where its file is.
/// </summary>
public sealed class ShippedDependenciesTests : IDisposable
{
    private const string JsonKey = "cc7b13ffcd2ddd51";
    private readonly AssemblyLoadContext _context = new("shipped-dependencies-tests", isCollectible: true);
    private readonly DirectoryInfo _otherModule = Directory.CreateTempSubdirectory("tensorone-other-module-");
    private readonly Assembly _owner = typeof(ShippedDependenciesTests).Assembly;
    private readonly ShippedDependencies _shipped;

    public ShippedDependenciesTests() => _shipped = new ShippedDependencies(_owner, FrameworkPaths.Dependencies);

    [Fact]
    public void The_cmdlet_assembly_and_the_shipped_assemblies_are_answered()
    {
        var polly = _context.LoadFromAssemblyPath(Path.Combine(FrameworkPaths.Dependencies, "Polly.Core.dll"));

        Assert.Equal(Shipped("TensorOne.Client"), _shipped.PathFor(new AssemblyName("TensorOne.Client, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null"), _owner));
        Assert.Equal(Shipped("System.Text.Json"), _shipped.PathFor(Json("10.0.0.0"), _owner));

        // The cmdlet assembly's own file, should the host load it a second time.
        var ownerAgain = _context.LoadFromAssemblyPath(_owner.Location);
        Assert.NotSame(_owner, ownerAgain);
        Assert.Equal(Shipped("System.Text.Json"), _shipped.PathFor(Json("10.0.0.0"), ownerAgain));

        // An older version than shipped, asked by one of ours: what a binding redirect would map.
        Assert.Equal(Shipped("Microsoft.Bcl.TimeProvider"), _shipped.PathFor(new AssemblyName("Microsoft.Bcl.TimeProvider, Version=8.0.0.0, Culture=neutral, PublicKeyToken=" + JsonKey), polly));
    }

    [Fact]
    public void Another_modules_request_is_declined_even_for_a_name_and_version_we_ship()
    {
        // Another module's own copy of the very same System.Text.Json, loaded from its folder.
        var copy = Path.Combine(_otherModule.FullName, "System.Text.Json.dll");
        File.Copy(Shipped("System.Text.Json"), copy);
        var theirs = _context.LoadFromAssemblyPath(copy);

        Assert.Null(_shipped.PathFor(Json("10.0.0.0"), theirs));
        Assert.Null(_shipped.PathFor(Json("10.0.0.0"), typeof(Assert).Assembly));
        Assert.Null(_shipped.PathFor(Json("10.0.0.0"), null));
    }

    [Fact]
    public void Versions_keys_cultures_and_names_we_do_not_ship_are_declined()
    {
        Assert.Null(_shipped.PathFor(Json("11.0.0.0"), _owner));
        Assert.Null(_shipped.PathFor(new AssemblyName("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"), _owner));
        Assert.Null(_shipped.PathFor(new AssemblyName("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=null"), _owner));
        Assert.Null(_shipped.PathFor(new AssemblyName("System.Text.Json.resources, Version=10.0.0.0, Culture=fr, PublicKeyToken=" + JsonKey), _owner));
        Assert.Null(_shipped.PathFor(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"), _owner));
    }

    public void Dispose()
    {
        _context.Unload();
        try
        {
            _otherModule.Delete(recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // Windows keeps a loaded file open until the context is collected; the temp folder is left.
        }
        catch (IOException)
        {
        }
    }

    private static AssemblyName Json(string version) => new($"System.Text.Json, Version={version}, Culture=neutral, PublicKeyToken={JsonKey}");

    private static string Shipped(string name) => Path.Combine(FrameworkPaths.Dependencies, name + ".dll");
}
