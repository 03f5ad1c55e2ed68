using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator.Tests;

/// <summary>Answers that are well-formed but do not answer the question asked.</summary>
public sealed class AnswerFaultTests
{
    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task AnAnswerForAnotherIdNamesThatClusterAfterCommittingTheStop(ResponseShape shape)
    {
        await using var server = await StartAsync(shape, plan => plan.Add(FaultKind.AnswerForAnotherId, 1, "POST"));
        using var http = Http(server);

        using var response = await http.PostAsync(server.BaseUri + "/clusters/c1/stop", new StringContent("{}", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var cluster = shape == ResponseShape.Envelope ? json.RootElement.GetProperty("data") : json.RootElement;
        Assert.Equal("someone_else", cluster.GetProperty("id").GetString());
        Assert.Equal(1, server.State.CommittedStops("c1"));
        Assert.Equal(FaultKind.AnswerForAnotherId, Assert.Single(server.State.Requests).Fault);
    }

    [Fact]
    public async Task DuplicateIdKeyWritesTheIdTwiceTheSecondForAnotherCluster()
    {
        await using var server = await StartAsync(ResponseShape.Envelope, plan => plan.Add(FaultKind.DuplicateIdKey, 1, "GET"));
        using var http = Http(server);

        var text = await http.GetStringAsync(server.BaseUri + "/clusters/c1");

        using var json = JsonDocument.Parse(text);
        var ids = json.RootElement.GetProperty("data").EnumerateObject().Where(p => p.Name == "id").Select(p => p.Value.GetString()).ToArray();
        Assert.Equal(new[] { "c1", "someone_else" }, ids);
    }

    [Theory]
    [InlineData("created_at", "\"\"")]
    [InlineData("created_at", "\"2026-01-01 10:00:00\"")]
    [InlineData("gpu_count", "\"95%\"")]
    [InlineData("uptime_seconds", "\"n/a\"")]
    [InlineData("id", "12345")]
    public async Task OddRowSpoilsOneRowOfThePageAndLeavesTheOthers(string field, string value)
    {
        await using var server = await StartAsync(ResponseShape.Envelope, plan => plan.SpoilListedRow("c2", field, value));
        using var http = Http(server);

        var text = await http.GetStringAsync(server.BaseUri + "/clusters?page=1&limit=100");

        using var json = JsonDocument.Parse(text);
        var rows = json.RootElement.GetProperty("data").GetProperty("clusters").EnumerateArray().ToArray();
        Assert.Equal(3, rows.Length);
        var odd = rows.Where(r => r.GetProperty(field).GetRawText() == value).ToArray();
        Assert.Single(odd);
        Assert.Equal(2, rows.Count(r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.GetProperty("id").GetString() is "c1" or "c3"));
    }

    [Fact]
    public async Task KeyInContentTypeEchoesThePresentedKeyInTheHeaderOverAnUnreadableBody()
    {
        await using var server = await StartAsync(ResponseShape.Envelope, plan => plan.Add(FaultKind.KeyInContentType, 1, "GET"));
        using var http = Http(server);

        using var response = await http.GetAsync(server.BaseUri + "/clusters/c1");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(server.Options.ApiKey, response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task KeyInContentTypePercentEncodesWhatASubtypeCannotHoldSoTheHeaderStillParses()
    {
        await using var server = await StartAsync(ResponseShape.Envelope, plan => plan.Add(FaultKind.KeyInContentType, 1, "GET"));
        server.Options.ApiKey = "tpo_test_ab/cd+ef";
        using var http = Http(server);

        using var response = await http.GetAsync(server.BaseUri + "/clusters/c1");

        Assert.Equal("application/x-echo-tpo_test_ab%2Fcd+ef", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<SimulatorServer> StartAsync(ResponseShape shape, Action<FaultPlan> faults)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = shape });
        server.State.AddCluster("c1", "one");
        server.State.AddCluster("c2", "two");
        server.State.AddCluster("c3", "three");
        faults(server.Options.Faults);
        return server;
    }

    private static HttpClient Http(SimulatorServer server)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);
        return http;
    }
}
