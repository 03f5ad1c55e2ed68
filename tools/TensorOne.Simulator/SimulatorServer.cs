using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TensorOne.Simulator.Pipeline;

namespace TensorOne.Simulator;

/// <summary>
/// A running simulator on 127.0.0.1. Start it with <see cref="StartAsync"/>; dispose it to stop it.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatorOptions options, SimulatorState state, ConnectionLog connections, Uri baseUri)
    {
        _app = app;
        Connections = connections;
        Options = options;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary>Where the routes are, e.g. <c>http://127.0.0.1:41234/v2</c> (<c>https://</c> with a certificate), without a trailing slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>The live options; see <see cref="SimulatorOptions"/> for which ones may change after start.</summary>
    public SimulatorOptions Options { get; }

    public SimulatorState State { get; }

    /// <summary>Connections the listener accepted, before any TLS handshake.</summary>
    public ConnectionLog Connections { get; }

    /// <summary>Starts a simulator that already holds these running clusters (id, name): where a test or a demo begins.</summary>
    public static Task<SimulatorServer> StartWithClustersAsync(params (string Id, string Name)[] running) =>
        StartWithClustersAsync(new SimulatorOptions(), running);

    /// <inheritdoc cref="StartWithClustersAsync(ValueTuple{string, string}[])"/>
    public static async Task<SimulatorServer> StartWithClustersAsync(SimulatorOptions options, params (string Id, string Name)[] running)
    {
        var server = await StartAsync(options);
        foreach (var (id, name) in running)
        {
            server.State.AddCluster(id, name);
        }

        return server;
    }

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        Validate(options);
        var pathBase = NormalizePathBase(options.PathBase);
        var state = new SimulatorState(options.TimeProvider);
        var connections = new ConnectionLog();
        var app = SimulatorApplication.Build(options, state, connections, pathBase);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SimulatorServer(app, options, state, connections, new Uri(address.TrimEnd('/') + pathBase));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM when run standalone).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static void Validate(SimulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, "options.ApiKey");
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(options.PathBase, "options.PathBase");
        ArgumentNullException.ThrowIfNull(options.Faults, "options.Faults");
        ArgumentOutOfRangeException.ThrowIfNegative(options.StopPhaseSeconds, "options.StopPhaseSeconds");
        ArgumentOutOfRangeException.ThrowIfNegative(options.RestartPhaseSeconds, "options.RestartPhaseSeconds");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, "options.Latency");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, "options.Port");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, "options.Port");
    }

    // "v2/", "/v2" and "/v2/" all mean "/v2"; "" and "/" mean the root.
    private static string NormalizePathBase(string pathBase)
    {
        var trimmed = pathBase.Trim().Trim('/');
        return trimmed.Length == 0 ? "" : "/" + trimmed;
    }
}
