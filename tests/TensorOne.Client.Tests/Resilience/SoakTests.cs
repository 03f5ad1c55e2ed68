using System.Collections.Concurrent;
using System.Diagnostics;
using TensorOne.Client.Models;
using Xunit.Abstractions;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// Nothing lost, nothing doubled: a few hundred stops and restarts, 32 at a time, through every fault
/// the simulator has (gateway pages after commit among them), in both documented response shapes, with
/// lost restart answers on top and reads that lag the writes by a second. Judged by what the server
/// committed. Runs in seconds, in the test command; tagged so it can also be run alone.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Clusters = 300;

    // The server logs a 429 as answered a moment after the client may already have it, and timers may
    // fire a millisecond early: a gap this much under Retry-After is measurement, not an early retry.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(10);

    // Final answers, not faults of transport: a redirect and a 400 are errors the client must report, not survive.
    // Answers that end a cluster's story, or (OddRow) spoil only listings, which the soak never reads. An
    // answer about another cluster, or with a key twice, is a definite INVALID_RESPONSE when no read proves the write.
    private static readonly FaultKind[] FinalAnswers =
    {
        FaultKind.Redirect, FaultKind.EchoKeyEscaped, FaultKind.AnswerForAnotherId, FaultKind.DuplicateIdKey, FaultKind.OddRow, FaultKind.KeyInContentType,
    };

    [Theory]
    [InlineData(4711, ResponseShape.Envelope)]
    [InlineData(20250115, ResponseShape.Envelope)]
    [InlineData(4711, ResponseShape.Bare)]
    [InlineData(20250115, ResponseShape.Bare)]
    public async Task Hundreds_of_stops_and_restarts_under_every_fault_commit_each_cluster_exactly_once(int seed, ResponseShape shape)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StopPhaseSeconds = 0.5,
            RestartPhaseSeconds = 0.5,
            Shape = shape,
            ReadLag = TimeSpan.FromSeconds(1),
        });
        var ids = server.State.SeedMany(Clusters);
        var faults = server.Options.Faults;
        faults.Seed = seed;
        faults.RetryAfter = TimeSpan.FromSeconds(1);
        faults.ServiceUnavailableRetryAfter = null;
        faults.HugeBodyBytes = 200_000;
        faults.SlowDelay = TimeSpan.FromSeconds(3);
        // Lost restart answers on top: the restart is committed and the client must find that out, not send it again.
        faults.Add(FaultKind.ResetAfterHandler, 0.05, "POST", "/restart$");
        foreach (var kind in Enum.GetValues<FaultKind>().Except(FinalAnswers))
        {
            // 20 kinds at 1%: about one request in five is faulted. The client's default five attempts
            // then run out for a cluster about once in 3,000 (0.2^5); at 2% they run out for about one
            // cluster in 100, and the soak would measure the retry count, not the client.
            faults.Add(kind, 0.01);
        }

        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxResponseBytes = 64 * 1024;
            o.ReadBackInterval = TimeSpan.FromSeconds(1); // as long as reads lag: the second read can confirm
        });

        var watch = Stopwatch.StartNew();
        using var throttle = new SemaphoreSlim(32);
        var results = new ConcurrentDictionary<string, ClusterOperationResult>();
        var unknown = new ConcurrentDictionary<string, string>();
        var errors = new ConcurrentDictionary<string, string>();
        var restarted = ids.Where((_, n) => n % 2 == 1).ToHashSet();
        await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync();
            try
            {
                results[id] = restarted.Contains(id) ? await client.RestartClusterAsync(id) : await client.StopClusterAsync(id);
            }
            catch (TensorOneRequestFailedException failure) when (failure.Kind == TensorOneFailureKind.OutcomeUnknown)
            {
                unknown[id] = failure.Message;
            }
            catch (TensorOneRequestFailedException failure)
            {
                errors[id] = failure.ErrorCode + ": " + failure.ApiMessage;
            }
            finally
            {
                throttle.Release();
            }
        }));
        watch.Stop();

        var requests = server.State.Requests;
        int Committed(string id) => restarted.Contains(id) ? server.State.CommittedRestarts(id) : server.State.CommittedStops(id);
        output.WriteLine($"seed {seed}, {shape}: {Clusters} stops and restarts in {watch.Elapsed.TotalSeconds:0.0} s, {requests.Count} requests, {results.Count} done, {errors.Count} refused, {unknown.Count} said unknown ({unknown.Keys.Count(id => Committed(id) == 1)} of them committed), {faults.TotalInjected} faults: "
            + string.Join(", ", Enum.GetValues<FaultKind>().Select(k => $"{k}={faults.Injected(k)}")));

        Assert.Equal(Clusters, results.Count + unknown.Count + errors.Count);
        Assert.All(results, r => Assert.Equal(r.Key, r.Value.Id));
        Assert.All(results.Where(r => !restarted.Contains(r.Key)), r => Assert.Contains(r.Value.Status, new[] { "stopping", "stopped" }));
        Assert.All(results.Where(r => restarted.Contains(r.Key)), r => Assert.Contains(r.Value.Status, new[] { "restarting", "starting", "running" }));

        // Every cluster reported done was acted on exactly once; every definite error on none; none twice.
        // A definite error is a refusal (nothing committed) or the API's 2xx with an unusable answer (committed once, and said so).
        var wrong = ids.Where(id => results.ContainsKey(id) ? Committed(id) != 1
            : errors.ContainsKey(id) ? Committed(id) != (errors[id].StartsWith("INVALID_RESPONSE: The API accepted the ", StringComparison.Ordinal) ? 1 : 0)
            : Committed(id) > 1).ToList();
        Assert.True(wrong.Count == 0, "wrongly reported: " + string.Join("\n", wrong.Select(id => $"{id} committed {Committed(id)}: " + (errors.TryGetValue(id, out var e) ? e : "done"))));
        Assert.All(unknown.Values, message => Assert.Contains("It was not sent again", message, StringComparison.Ordinal));
        Assert.True(faults.TotalInjected > Clusters / 10, "the soak should have met faults");

        foreach (var cluster in requests.Where(r => r.Method == "POST").GroupBy(r => r.ClusterId))
        {
            Assert.Single(cluster.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        }

        // No retry earlier than a 429 asked, whichever form its Retry-After took: as the client planned it,
        // and as the server saw it, for the 429s the client received (it logs their request ids). Under
        // load an attempt can time out before the server reads it; its late 429 then reaches nobody.
        Assert.All(RetryDelaysAfter429(log), delay => Assert.True(delay >= 1.0, $"a retry planned {delay} s after a 429"));
        var received = log.Messages(ClientLogLevel.Debug).Where(m => m.StartsWith("HTTP 429", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(received);
        foreach (var throttled in requests.Where(r => r.Fault is FaultKind.TooManyRequests or FaultKind.TooManyRequestsHttpDate
            && received.Any(m => m.Contains("request id " + r.RequestId, StringComparison.Ordinal))))
        {
            if (requests.FirstOrDefault(r => r.Method == throttled.Method && r.Path == throttled.Path && r.At > throttled.At) is { } next)
            {
                var gap = next.At - throttled.AnsweredAt;
                Assert.True(gap >= faults.RetryAfter - TimerSlack, $"{throttled.Path} retried {gap.TotalMilliseconds:0} ms after a 429\n"
                    + string.Join("\n", requests.Where(r => r.ClusterId == throttled.ClusterId).Select(r => $"{r.Method} {r.Path} at {r.At:HH:mm:ss.fff} answered {r.AnsweredAt:HH:mm:ss.fff} {r.StatusCode} {r.Fault}"))
                    + "\n" + string.Join("\n", log.Lines.Where(l => l.Message.Contains(throttled.ClusterId!, StringComparison.Ordinal)).Select(l => l.Message)));
            }
        }
    }

    private static IEnumerable<double> RetryDelaysAfter429(LogCollector log) =>
        log.Messages(ClientLogLevel.Verbose)
            .Select(m => System.Text.RegularExpressions.Regex.Match(m, @" in (\d+\.\d) s after HTTP 429"))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
}
