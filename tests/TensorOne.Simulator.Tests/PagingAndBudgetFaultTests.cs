using System.Globalization;
using System.Net;

namespace TensorOne.Simulator.Tests;

/// <summary>The paging fault modes (data-level paging, a capped limit, an ignored page) and the write quota.</summary>
public sealed class PagingAndBudgetFaultTests
{
    [Fact]
    public async Task DataLevelPagingSaysHasMoreAndTotalBesideTheListWithNoPaginationObject()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Options.ListPaging.DataLevelPaging = true;
        server.Options.ListPaging.LimitCap = 20;
        server.State.SeedMany(45);
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters?page=3&limit=100");

        var data = answer.Body.GetProperty("data");
        Assert.False(data.TryGetProperty("pagination", out _));
        Assert.Equal(5, data.GetProperty("clusters").GetArrayLength());
        Assert.False(data.GetProperty("has_more").GetBoolean());
        Assert.Equal(45, data.GetProperty("total").GetInt32());
        Assert.Equal(3, data.GetProperty("page").GetInt32());
        Assert.Equal(20, data.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task AnIgnoredPageServesPageOneWhateverIsAsked()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Options.ListPaging.IgnorePage = true;
        var ids = server.State.SeedMany(150);
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters?page=2&limit=100");

        var clusters = answer.Body.GetProperty("data").GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Take(100), clusters);
        Assert.True(answer.Body.GetProperty("data").GetProperty("pagination").GetProperty("has_next").GetBoolean());
    }

    [Fact]
    public async Task TheWriteQuotaCountsPostsAndRefusesThoseBeyondItWithRetryAfterUntilTheReset()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { WriteLimit = 2 });
        var ids = server.State.SeedMany(3);
        using var client = new SimulatorClient(server);

        var first = await client.PostAsync($"/clusters/{ids[0]}/stop");
        var second = await client.PostAsync($"/clusters/{ids[1]}/stop");
        var third = await client.PostAsync($"/clusters/{ids[2]}/stop");
        var read = await client.GetAsync($"/clusters/{ids[2]}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("2", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", second.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("0", third.Headers.GetValues("X-RateLimit-Remaining").Single());
        var retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3500, 3600);
        Assert.Equal("running", read.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, read.Status);
    }
}
