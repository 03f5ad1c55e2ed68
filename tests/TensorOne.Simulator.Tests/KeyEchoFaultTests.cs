using System.Net;
using System.Text.Json;
using TensorOne.Simulator.Faults;
using static TensorOne.Simulator.Tests.FaultedServer;

namespace TensorOne.Simulator.Tests;

/// <summary>Faults that echo the presented key back: escaped in JSON, in a success body, in the status line.</summary>
public sealed class KeyEchoFaultTests
{
    private const string SlashPlusKey = "tpo_test_ab/cd+ef/gh+ij";

    [Fact]
    public async Task EchoKeyEscapedSpellsTheKeyOnlyOnceTheJsonIsDecoded()
    {
        await using var server = await StartWith(FaultKind.EchoKeyEscaped);
        server.Options.ApiKey = SlashPlusKey;
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SlashPlusKey, raw, StringComparison.Ordinal);
        Assert.Contains("ab\\/cd\\u002Bef", raw, StringComparison.Ordinal);
        var error = JsonDocument.Parse(raw).RootElement.GetProperty("error");
        Assert.Equal("Rejected token " + SlashPlusKey, error.GetProperty("message").GetString());
        Assert.Equal(SlashPlusKey, error.GetProperty("details").GetProperty("token").GetString());
        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
    }

    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task EchoKeyEscapedInSuccessCommitsAndEchoesTheKeyInTheNameAndRequestId(ResponseShape shape)
    {
        await using var server = await StartWith(FaultKind.EchoKeyEscapedInSuccess);
        server.Options.ApiKey = SlashPlusKey;
        server.Options.Shape = shape;
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(SlashPlusKey, raw, StringComparison.Ordinal);
        var root = JsonDocument.Parse(raw).RootElement;
        var cluster = shape == ResponseShape.Envelope ? root.GetProperty("data") : root;
        Assert.Equal("owner " + SlashPlusKey, cluster.GetProperty("name").GetString());
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task KeyInReasonPhraseCarriesThePresentedKeyInTheStatusLine()
    {
        await using var server = await StartWith(FaultKind.KeyInReasonPhrase);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Denied for " + server.Options.ApiKey, response.ReasonPhrase);
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }
}
