using System.Net;
using System.Text.Json;

namespace TensorOne.Simulator.Tests;

public sealed class ListClustersTests
{
    [Fact]
    public async Task PagesThroughAllClustersInInsertionOrder()
    {
        await using var server = await SimulatorServer.StartAsync();
        var ids = server.State.SeedMany(250);
        using var client = new SimulatorClient(server);

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await client.GetAsync($"/clusters?page={page}&limit=100");

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var data = answer.Body.GetProperty("data");
            var pagination = data.GetProperty("pagination");
            Assert.Equal(page, pagination.GetProperty("page").GetInt32());
            Assert.Equal(100, pagination.GetProperty("limit").GetInt32());
            Assert.Equal(250, pagination.GetProperty("total").GetInt32());
            Assert.Equal(3, pagination.GetProperty("total_pages").GetInt32());
            Assert.Equal(page < 3, pagination.GetProperty("has_next").GetBoolean());
            seen.AddRange(data.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
        }

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task LimitOverOneHundredIsAValidationError()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters?limit=101");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = answer.Body.GetProperty("error");
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("code").GetString());
        Assert.Equal("limit", error.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task StatusFilterUsesTheComputedStatus()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeProvider = clock });
        server.State.SeedMany(3);
        using var client = new SimulatorClient(server);
        await client.PostAsync("/clusters/cluster_bulk_0002/stop");

        var stopping = await client.GetAsync("/clusters?status=stopping");
        clock.Advance(TimeSpan.FromMinutes(1));
        var running = await client.GetAsync("/clusters?status=running");

        Assert.Equal(["cluster_bulk_0002"], Ids(stopping.Body.GetProperty("data")));
        Assert.Equal(["cluster_bulk_0001", "cluster_bulk_0003"], Ids(running.Body.GetProperty("data")));
    }

    [Fact]
    public async Task BareShapeIsATopLevelArrayOfCamelCaseClusters()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = ResponseShape.Bare });
        server.State.SeedMany(30);
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters?limit=25");

        Assert.Equal(JsonValueKind.Array, answer.Body.ValueKind);
        Assert.Equal(25, answer.Body.GetArrayLength());
        var first = answer.Body[0];
        Assert.Equal("A100", first.GetProperty("gpuType").GetString());
        Assert.True(first.TryGetProperty("containerDiskSize", out _));
        Assert.True(first.TryGetProperty("createdAt", out _));
    }

    private static string[] Ids(JsonElement data) =>
        [.. data.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
}
