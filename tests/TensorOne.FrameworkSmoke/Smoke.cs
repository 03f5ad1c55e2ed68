using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.Client.Waiting;

namespace TensorOne.FrameworkSmoke;

/// <summary>
/// The client's main paths on .NET Framework: list, a concurrent batch stop with a snapshot, one wait
/// over the batch, and a restart from a snapshot. The simulator's fault plan (set by the test) makes
/// the first list a 503 and the restart's first answer a 429 with Retry-After; the client must retry both.
/// </summary>
internal static class Smoke
{
    public const string Prefix = "cluster_fx_";

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Run(Uri baseUri, string apiKey) => RunAsync(baseUri, apiKey).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Uri baseUri, string apiKey)
    {
        var log = new List<string>();
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = baseUri,
            ApiKey = new ApiKey(apiKey),
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            Log = (level, message) => { lock (log) { log.Add(level + ": " + message); } },
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var clusters = await client.ListClustersAsync(cancellationToken: cancel.Token).ConfigureAwait(false);
        var running = clusters.Where(c => c.Id.StartsWith(Prefix, StringComparison.Ordinal) && c.Status == ClusterStatus.Running).Select(c => c.Id).ToList();
        Console.WriteLine("list: " + clusters.Count + " clusters, " + running.Count + " running");
        Expect(running.Count >= 3, "the simulator was seeded with at least three running clusters");

        var batch = running.Take(running.Count - 1).ToList();
        var stops = await Task.WhenAll(batch.Select(id => client.StopClusterAsync(
            id, new StopClusterRequest { SaveState = true, StopReason = "Mono smoke" }, cancel.Token))).ConfigureAwait(false);
        Console.WriteLine("stop: " + string.Join(", ", stops.Select(s => s.Id + " " + s.Status)));
        Expect(stops.All(s => s.Status == ClusterStatus.Stopping), "every stop was accepted");

        var watcher = new ClusterWatcher(client, cancel.Token, new WaitOptions { MinInterval = TimeSpan.FromMilliseconds(200) });
        var waits = await Task.WhenAll(stops.Select(s => watcher.WatchAsync(s.Id, ClusterOperationKind.Stop, s.Status, TimeSpan.FromMinutes(2)))).ConfigureAwait(false);
        Console.WriteLine("wait: " + string.Join(", ", waits.Select(w => w.LastSeen?.Id + " " + w.End + " " + w.LastSeen?.Status)) + " in " + watcher.Reads + " reads");
        Expect(waits.All(w => w.End == WaitEnd.Succeeded && w.LastSeen?.Status == ClusterStatus.Stopped), "every stop ended stopped");

        var first = stops[0];
        Expect(!string.IsNullOrEmpty(first.SnapshotId), "a stop with SaveState names its snapshot");
        var restart = await client.RestartClusterAsync(first.Id, new RestartClusterRequest { RestoreFromSnapshot = first.SnapshotId, RestartReason = "Mono smoke" }, cancel.Token).ConfigureAwait(false);
        var ready = await watcher.WatchAsync(restart.Id, ClusterOperationKind.Restart, restart.Status, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        Console.WriteLine("restart: " + restart.Id + " from " + first.SnapshotId + ", " + ready.End + " " + ready.LastSeen?.Status);
        Expect(ready.End == WaitEnd.Succeeded && ready.LastSeen?.Status == ClusterStatus.Running, "the restart ended running");

        lock (log)
        {
            foreach (var line in log.Where(l => l.IndexOf("retry", StringComparison.OrdinalIgnoreCase) >= 0 || l.IndexOf("Retry-After", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                Console.WriteLine("client: " + line);
            }
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            Console.WriteLine("loaded: " + assembly.GetName().Name + " " + assembly.GetName().Version + " " + (assembly.IsDynamic ? "(dynamic)" : assembly.Location));
        }

        Console.WriteLine("runtime: " + (Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono") + " " + Environment.Version + " (" + RuntimeInformation.FrameworkDescription + ")");
        ReportClientRuntime(new TensorOneClientOptions { BaseUri = baseUri, ApiKey = new ApiKey(apiKey) });
        Console.WriteLine("OK");
        return 0;
    }

    /// <summary>Which runtime the client takes itself to be on, and the TLS versions its handler offers.</summary>
    private static void ReportClientRuntime(TensorOneClientOptions options)
    {
        var client = typeof(TensorOneClient).Assembly;
        var framework = (bool)client.GetType("TensorOne.Client.Http.FrameworkRuntime", throwOnError: true)
            .GetField("IsCurrent", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        using var handler = (HttpClientHandler)client.GetType("TensorOne.Client.Http.HandlerFactory", throwOnError: true)
            .GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { options })!;
        Console.WriteLine("client paths: " + (framework ? ".NET Framework" : ".NET"));
        Console.WriteLine("tls: " + handler.SslProtocols);
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Expected: " + what + ".");
        }
    }
}
