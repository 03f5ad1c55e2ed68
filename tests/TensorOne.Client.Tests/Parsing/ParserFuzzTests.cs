using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using TensorOne.Client.Models;
using TensorOne.Client.Wire;
using TensorOne.Simulator;
using TensorOne.Simulator.Faults;
using Xunit;

namespace TensorOne.Client.Tests.Parsing;

/// <summary>
/// Thousands of bodies mutated from real simulator answers, fed to every reader the client has: the
/// only outcomes allowed are a result or <see cref="TensorOneRequestFailedException"/>, never a crash.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 6000;
    private const string ClusterId = "cluster_fz";
    private static readonly string?[] MediaTypes = ["application/json", "text/html", "text/plain", null];
    private static readonly int[] Statuses = [200, 201, 400, 404, 409, 429, 500, 502, 503];

    [Fact]
    public async Task Mutated_answers_give_a_result_or_the_clients_exception_and_nothing_else()
    {
        var seeds = await RealAnswersAsync();
        var random = new Random(20250115);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var unexpected = new List<string>();

        for (var i = 0; i < Iterations; i++)
        {
            var (name, mutated) = Mutate(seeds[random.Next(seeds.Count)], seeds, random);
            var media = MediaTypes[random.Next(MediaTypes.Length)];
            var status = Statuses[random.Next(Statuses.Length)];
            foreach (var (reader, run) in Readers(mutated, media, status))
            {
                try
                {
                    run();
                    Count(outcomes, reader + ": result");
                }
                catch (TensorOneRequestFailedException failure)
                {
                    Count(outcomes, reader + ": " + failure.Kind);
                    if (failure.Kind == TensorOneFailureKind.InvalidResponse && (!failure.Message.Contains("HTTP 200", StringComparison.Ordinal) || (reader == "cluster" && !failure.Message.Contains(ClusterId, StringComparison.Ordinal))))
                    {
                        unexpected.Add($"{name} -> {reader}: message lacks the status or cluster: {failure.Message}");
                    }
                }
                catch (Exception ex)
                {
                    unexpected.Add($"{name} -> {reader}: {ex.GetType().Name}: {ex.Message} | body {Preview(mutated)}");
                }
            }
        }

        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
        // The fuzz must reach both sides: readable results and refusals.
        Assert.True(outcomes.GetValueOrDefault("cluster: result") > 100, Summary(outcomes));
        Assert.True(outcomes.GetValueOrDefault("cluster: InvalidResponse") > 1000, Summary(outcomes));
        Assert.True(outcomes.GetValueOrDefault("page: result") > 50, Summary(outcomes));
    }

    private static IEnumerable<(string Reader, Action Run)> Readers(byte[] body, string? media, int errorStatus)
    {
        yield return ("cluster", () =>
        {
            var wire = ResponseParser.ReadCluster(Responses.Of(200, body, media), ClusterId);
            Assert.False(string.IsNullOrEmpty(wire.Id));
            WireMapper.ToOperation(ClusterOperationKind.Stop, wire);
            WireMapper.ToOperation(ClusterOperationKind.Restart, wire);
            _ = WireMapper.ToCluster(wire).ToString();
        });
        yield return ("page", () =>
        {
            foreach (var wire in ResponseParser.ReadPage(Responses.Of(200, body, media)).Clusters)
            {
                WireMapper.ToCluster(wire);
            }
        });
        yield return ("error", () =>
        {
            var failure = ErrorParser.ToException(Responses.Of(errorStatus, body, media, RetryAfter), ClusterId);
            Assert.False(string.IsNullOrEmpty(failure.Message));
            Assert.False(string.IsNullOrEmpty(failure.ErrorCode));
            _ = failure.IsInvalidState || failure.IsNotFound || failure.CurrentStatus is null || failure.Suggestion is null;
            throw failure; // counted as a failure, which is what it is
        });
    }

    private static void RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

    private static (string Name, byte[] Body) Mutate(byte[] seed, IReadOnlyList<byte[]> all, Random random)
    {
        var body = (byte[])seed.Clone();
        switch (random.Next(10))
        {
            case 0:
                for (var flips = random.Next(1, 6); flips > 0 && body.Length > 0; flips--)
                {
                    body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
                }

                return ("byte flips", body);
            case 1:
                return ("truncation", body[..random.Next(body.Length + 1)]);
            case 2:
                var junk = new[] { "\u00ff", "\u00c3(", "\0", "\"", "}", "]", ",", "\\u", "\ud800" };
                var at = random.Next(body.Length + 1);
                var insert = Encoding.Latin1.GetBytes(junk[random.Next(junk.Length)]);
                return ("insertion", [.. body[..at], .. insert, .. body[at..]]);
            case 3:
                var from = random.Next(body.Length + 1);
                var to = Math.Min(body.Length, from + random.Next(1, 40));
                return ("deletion", [.. body[..from], .. body[to..]]);
            case 4:
            case 5:
                return ("type swap", SwapTypes(body, random));
            case 6:
                var depth = random.Next(2) == 0 ? random.Next(10, 60) : random.Next(60, 3000);
                var open = random.Next(2) == 0 ? "[" : "{\"data\":";
                var close = open == "[" ? "]" : "}";
                return ($"nesting {depth}", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + Encoding.UTF8.GetString(body) + string.Concat(Enumerable.Repeat(close, depth))));
            case 7:
                var huge = new[] { "1e400", "-1e400", "123456789012345678901234567890", "1.7976931348623157e309", "-0", "0.0000000000000000000000000001e-400", "\"NaN\"", "\"Infinity\"", "\"99999999999999999999\"" };
                return ("huge numbers", ReplaceNumbers(body, huge[random.Next(huge.Length)], random));
            case 8:
                var other = all[random.Next(all.Count)];
                var cut = random.Next(body.Length + 1);
                return ("splice", [.. body[..cut], .. other[random.Next(other.Length + 1)..]]);
            default:
                var text = Encoding.UTF8.GetString(body);
                var extras = new[] { "{\"id\":null,", "{\"id\":42,", "{\"status\":[],", "{\"data\":\"x\",", "{\"success\":false,", "{\"id\":\"a\",\"id\":\"b\",", "\ufeff{" };
                var index = text.IndexOf('{', StringComparison.Ordinal);
                return ("field injection", Encoding.UTF8.GetBytes(index < 0 ? text : text[..index] + extras[random.Next(extras.Length)] + text[(index + 1)..]));
        }
    }

    private static byte[] SwapTypes(byte[] body, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }

        var nodes = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return body;
        }

        for (var swaps = random.Next(1, 4); swaps > 0; swaps--)
        {
            var (parent, key, index) = nodes[random.Next(nodes.Count)];
            JsonNode? replacement = random.Next(9) switch
            {
                0 => JsonValue.Create("swapped"),
                1 => JsonValue.Create(random.Next()),
                2 => JsonValue.Create(random.NextDouble() * 1e300),
                3 => JsonValue.Create(random.Next(2) == 0),
                4 => null,
                5 => new JsonObject { ["unexpected"] = 1 },
                6 => new JsonArray(1, "two", null),
                7 => JsonValue.Create(new string('z', random.Next(1, 5000))),
                _ => JsonValue.Create(-1),
            };
            try
            {
                if (key is not null)
                {
                    parent[key] = replacement;
                }
                else
                {
                    parent[index] = replacement;
                }
            }
            catch (InvalidOperationException)
            {
                // The node was detached by an earlier swap.
            }
        }

        return Encoding.UTF8.GetBytes(root?.ToJsonString() ?? "null");
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, string? Key, int Index)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    into.Add((obj, key, -1));
                    Collect(child, into);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add((array, null, i));
                    Collect(array[i], into);
                }

                break;
        }
    }

    private static byte[] ReplaceNumbers(byte[] body, string replacement, Random random)
    {
        var text = Encoding.UTF8.GetString(body);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsDigit(text[i]) && (i == 0 || text[i - 1] is ':' or ',' or '[' or ' ') && random.Next(2) == 0)
            {
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' or '-' or '+'))
                {
                    i++;
                }

                result.Append(replacement);
                i--;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return Encoding.UTF8.GetBytes(result.ToString());
    }

    /// <summary>What the simulator really sends: both shapes of every answer, errors and injected failures included.</summary>
    private static async Task<IReadOnlyList<byte[]>> RealAnswersAsync()
    {
        var answers = new List<byte[]>();
        foreach (var shape in new[] { ResponseShape.Envelope, ResponseShape.Bare })
        {
            await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = shape, StopPhaseSeconds = 60, RestartPhaseSeconds = 60 });
            server.State.SeedDemo();
            server.State.AddCluster(ClusterId, "fuzz", status: "running");
            server.State.AddCluster("cluster_fz2", "fuzz-2", status: "stopped");
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);
            async Task Take(HttpMethod method, string path, string? json = null)
            {
                using var request = new HttpRequestMessage(method, server.BaseUri + path);
                if (json is not null)
                {
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                answers.Add(await response.Content.ReadAsByteArrayAsync());
            }

            await Take(HttpMethod.Post, $"/clusters/{ClusterId}/stop", """{"save_state":true,"grace_period_minutes":3}""");
            await Take(HttpMethod.Post, "/clusters/cluster_fz2/restart", """{"preserve_state":true}""");
            await Take(HttpMethod.Get, $"/clusters/{ClusterId}");
            await Take(HttpMethod.Get, "/clusters/cluster_9f2c4a1b");
            await Take(HttpMethod.Get, "/clusters?limit=3");
            await Take(HttpMethod.Post, "/clusters/cluster_fz2/stop", "{}");
            await Take(HttpMethod.Get, "/clusters/cluster_missing");
            await Take(HttpMethod.Post, "/clusters/cluster_9f2c4a1b/stop", """{"grace_period_minutes":"x"}""");
            server.Options.Faults.Add(FaultKind.TooManyRequests, 1, limit: 1).Add(FaultKind.HtmlErrorPage, 1, limit: 1);
            await Take(HttpMethod.Get, "/clusters");
            await Take(HttpMethod.Get, "/clusters");
        }

        return answers;
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Summary(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
}
