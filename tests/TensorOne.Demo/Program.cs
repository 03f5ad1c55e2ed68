using TensorOne.Demo;

// `dotnet run --project tests/TensorOne.Demo`: the module's main job, end to end, without pwsh.

DemoArguments arguments;
try
{
    arguments = DemoArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(DemoArguments.Usage);
    return 1;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(DemoArguments.Usage);
    return 0;
}

string? repoRoot = RepoRootLocator.Find(AppContext.BaseDirectory);
string? scriptPath = arguments.ScriptPath is { } given
    ? Path.GetFullPath(given)
    : repoRoot is null ? null : Path.Combine(repoRoot, "examples", "demo.ps1");
string? modulePath = arguments.NoModule || repoRoot is null
    ? null
    : Path.Combine(repoRoot, "out", "TensorOne", "TensorOne.psd1");

if ((scriptPath is null || !arguments.NoModule) && repoRoot is null)
{
    Console.Error.WriteLine(
        $"Cannot find the repository root: no TensorOne.PowerShell.sln above {AppContext.BaseDirectory}.");
    return 1;
}

if (modulePath is not null && !File.Exists(modulePath))
{
    Console.Error.WriteLine($"The staged module is missing: {modulePath}");
    Console.Error.WriteLine("Build it first: dotnet build TensorOne.PowerShell.sln -c Release");
    return 1;
}

if (!File.Exists(scriptPath))
{
    Console.Error.WriteLine($"The demo script does not exist: {scriptPath}");
    return 1;
}

await using DemoEndpoint endpoint = arguments.BaseUri is { } baseUri
    ? DemoEndpoint.UseExistingApi(baseUri)
    : await DemoEndpoint.StartSimulatorAsync(arguments.StopPhaseSeconds, arguments.RestartPhaseSeconds, CancellationToken.None);

Console.WriteLine(endpoint.Description);

var console = ConsoleCapabilities.Detect();
var host = new DemoHost(new DemoHostUserInterface(console, Console.Out));
bool plainText = !(console.SupportsAnsi && console.UseColor);
return new DemoScriptRunner(host, plainText).Run(modulePath, scriptPath);
