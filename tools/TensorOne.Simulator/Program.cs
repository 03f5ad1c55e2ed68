using TensorOne.Simulator;

// Standalone entry: a simulator for demos and manual runs of the module, until Ctrl+C.
if (args.Any(arg => arg is "--help" or "-h" or "-?"))
{
    Console.WriteLine(StandaloneArguments.Usage);
    return 0;
}

StandaloneArguments arguments;
try
{
    arguments = StandaloneArguments.Parse(args);
}
catch (Exception ex) when (ex is FormatException or InvalidOperationException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(StandaloneArguments.Usage);
    return 2;
}

SimulatorServer server;
try
{
    server = await SimulatorServer.StartAsync(arguments.ToOptions());
}
catch (Exception ex) when (ex is IOException or ArgumentException)
{
    Console.Error.WriteLine($"The simulator could not start: {ex.Message}");
    return 1;
}

await using (server)
{
    var clusters = arguments.SeedInto(server.State);
    Console.WriteLine($"TensorOne simulator listening on {server.BaseUri} (the same routes are under /v1)");
    Console.WriteLine($"API key: {server.Options.ApiKey}");
    Console.WriteLine($"{clusters} clusters, {server.Options.Shape.ToString().ToLowerInvariant()} responses. Press Ctrl+C to stop.");
    await server.WaitForShutdownAsync();
}

return 0;
