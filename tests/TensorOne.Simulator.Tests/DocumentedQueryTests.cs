using System.Net;

namespace TensorOne.Simulator.Tests;

/// <summary>
/// The simulator answers only the query values the API documentation shows; anything else is a 400
/// VALIDATION_ERROR in the documented error shape naming the parameter, so the client cannot come to
/// depend on what the real API never promised.
/// </summary>
public sealed class DocumentedQueryTests
{
    [Theory]
    [InlineData("/clusters?status=stopped,error", "status")]
    [InlineData("/clusters?status=stopped%2Cerror", "status")]
    [InlineData("/clusters?status=stopping&status=stopped", "status")]
    [InlineData("/clusters?status=restarting", "status")]
    [InlineData("/clusters?status=Running", "status")]
    [InlineData("/clusters?status=", "status")]
    [InlineData("/clusters?include_cost_breakdown=false", "include_cost_breakdown")]
    [InlineData("/clusters?include_metrics=0", "include_metrics")]
    [InlineData("/clusters?page=1&page=2", "page")]
    [InlineData("/clusters?limit=+10", "limit")]
    [InlineData("/clusters?per_page=10", "per_page")]
    [InlineData("/clusters?sort_order=DESC", "sort_order")]
    [InlineData("/clusters/cluster_bulk_0001?verbose=true", "verbose")]
    [InlineData("/clusters/cluster_bulk_0001?include_metrics=false&include_metrics=false", "include_metrics")]
    [InlineData("/clusters/cluster_bulk_0001?include_cost_breakdown=1", "include_cost_breakdown")]
    public async Task A_read_with_an_undocumented_query_value_is_a_validation_error_naming_it(string path, string field)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(3);
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync(path);

        AssertRefused(answer, field);
    }

    [Theory]
    [InlineData("/clusters/cluster_bulk_0001/stop?force=true", "force")]
    [InlineData("/clusters/cluster_bulk_0001/restart?wait_for_ready=true", "wait_for_ready")]
    public async Task A_write_with_any_query_is_a_validation_error_and_nothing_happens(string path, string field)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(3);
        using var client = new SimulatorClient(server);

        var answer = await client.PostAsync(path, "{}");

        AssertRefused(answer, field);
        Assert.Equal("running", server.State.Find("cluster_bulk_0001")!.Status);
    }

    [Theory]
    [InlineData("/clusters?page=2&limit=100&status=stopping&include_metrics=false")]
    [InlineData("/clusters?status=running&gpu_type=A100&region=us-east-1&project_id=p&search=x&sort_by=name&sort_order=desc&include_metrics=True")]
    [InlineData("/clusters/cluster_bulk_0001?include_metrics=false&include_cost_breakdown=false")]
    public async Task Every_documented_form_is_answered(string path)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(3);
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    private static void AssertRefused(ApiAnswer answer, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Body.GetProperty("success").GetBoolean());
        var error = answer.Body.GetProperty("error");
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }
}
