using System.Globalization;
using TensorOne.Benchmark;
using TensorOne.Benchmark.Import;

// `dotnet run -c Release --project tools/TensorOne.Benchmark`: how -Wait scales from one cluster to a thousand.

BenchmarkArguments arguments;
try
{
    // --import [runs] is a section of its own (ImportBenchmark), not a -Wait option.
    arguments = BenchmarkArguments.Parse(ImportBenchmark.Requested(args, out _) ? [] : args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkArguments.Usage);
    return 1;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(BenchmarkArguments.Usage);
    return 0;
}

var manifest = ModuleLocator.FindManifest(AppContext.BaseDirectory);
if (manifest is null || !File.Exists(manifest))
{
    Console.Error.WriteLine($"The staged module is missing: {manifest ?? "out/TensorOne/TensorOne.psd1"}");
    Console.Error.WriteLine("Build it first: dotnet build TensorOne.PowerShell.sln -c Release");
    return 1;
}

if (ImportBenchmark.Requested(args, out var importRuns))
{
    return ImportBenchmark.Run(manifest, importRuns, Console.Out);
}

var runner = new ScenarioRunner(manifest, TimeSpan.FromMilliseconds(arguments.LatencyMilliseconds), arguments.StopSeconds);
var throttleText = arguments.ThrottleLimit is { } t ? t.ToString(CultureInfo.InvariantCulture) : "the module's default";
Console.WriteLine(string.Format(
    CultureInfo.InvariantCulture,
    "TensorOne -Wait benchmark: {0} ms latency per request, a {1:0.##} s stop (4 phases of {2:0.###} s), -ThrottleLimit {3}, {4} CPUs",
    arguments.LatencyMilliseconds,
    arguments.StopSeconds,
    arguments.StopSeconds / 4,
    throttleText,
    Environment.ProcessorCount));
Console.WriteLine("Module: " + manifest);
Console.WriteLine();

await runner.WarmUpAsync();
var results = new List<ScenarioResult>();
// One cluster is one request: -ThrottleLimit does not apply.
var single = await runner.RunAsync(new BatchScenario("single cluster", 1, null));
results.Add(single);
var batches = new List<ScenarioResult>();
foreach (var size in arguments.Sizes.Where(s => s > 1))
{
    var batch = await runner.RunAsync(new BatchScenario("piped batch", size, arguments.ThrottleLimit));
    batches.Add(batch);
    results.Add(batch);
}

if (arguments.SequentialSize > 1)
{
    results.Add(await runner.RunAsync(new BatchScenario("sequential (-ThrottleLimit 1)", arguments.SequentialSize, 1)));
}

ResultTable.Print(Console.Out, single, results);
Console.WriteLine();
if (arguments.ShowTimeline)
{
    ResultTable.PrintTimeline(Console.Out, results);
    Console.WriteLine();
}

var pass = TargetVerdict.Print(Console.Out, arguments, single, batches);
var accountResults = new List<LargeAccountResult>();
if (arguments.AccountSize > 0)
{
    Console.WriteLine();
    var account = new LargeAccountRunner(manifest, TimeSpan.FromMilliseconds(arguments.LatencyMilliseconds), arguments.StopSeconds, arguments.AccountSize);
    foreach (var watched in arguments.AccountWatch.Where(w => w <= arguments.AccountSize))
    {
        accountResults.Add(await account.RunWaitAsync(watched));
    }

    accountResults.Add(await account.RunScriptAsync("Get-T1Cluster -First 5", "Get-T1Cluster -First 5 | Out-Null", arguments.AccountSize));
    accountResults.Add(await account.RunScriptAsync("Get-T1Cluster | Stop-T1Cluster -WhatIf (100)", "Get-T1Cluster | Stop-T1Cluster -WhatIf", 100));
    accountResults.Add(await account.RunScriptAsync("$ids | Stop-T1Cluster -WhatIf (100 ids)", "$ids | Stop-T1Cluster -WhatIf", 100));
    LargeAccountRunner.Print(Console.Out, arguments.AccountSize, accountResults);
}

return results.Any(r => r.Problems.Count > 0) || accountResults.Any(r => r.Problems.Count > 0) ? 1 : pass ? 0 : 2;
