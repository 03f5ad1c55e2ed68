namespace TensorOne.Client.Tests;

/// <summary>
/// A listing is complete, or it says it is not, whatever paging form the server speaks.
/// Each scenario runs over real HTTP against the simulator's paging fault modes and counts the pages asked.
/// </summary>
public sealed class ListingCompletenessTests
{
    [Fact]
    public async Task Short_pages_with_has_more_and_total_beside_the_list_are_read_to_the_end()
    {
        // 20 a page, said with has_more / total at the data level: the old reader listed 20 of 45.
        await using var server = await SimulatorServer.StartAsync();
        server.Options.ListPaging.DataLevelPaging = true;
        server.Options.ListPaging.LimitCap = 20;
        var ids = server.State.SeedMany(45, "cluster_short_");
        using var client = ClientFactory.For(server);

        var list = await client.ListClustersAsync();

        Assert.Equal(ids.OrderBy(i => i), list.Select(c => c.Id).OrderBy(i => i));
        Assert.True(list.Listing.IsComplete, list.Listing.IncompleteBecause);
        Assert.Equal(45, list.Listing.DeclaredTotal);
        Assert.Equal(3, ListRequests(server).Count);
        Assert.Equal(new[] { "1", "2", "3" }, ListRequests(server).Select(r => PageOf(r.Query)));
    }

    [Fact]
    public async Task A_capped_limit_under_the_documented_pagination_object_is_read_to_the_end()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Options.ListPaging.LimitCap = 25;
        server.State.SeedMany(60, "cluster_cap_");
        using var client = ClientFactory.For(server);

        var list = await client.ListClustersAsync();

        Assert.Equal(60, list.Select(c => c.Id).Distinct().Count());
        Assert.True(list.Listing.IsComplete, list.Listing.IncompleteBecause);
        Assert.Equal(3, ListRequests(server).Count);
    }

    [Fact]
    public async Task A_bare_list_capped_at_the_documented_default_is_probed_and_read_to_the_end()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = ResponseShape.Bare });
        server.Options.ListPaging.LimitCap = 20;
        server.State.SeedMany(45, "cluster_bare_");
        using var client = ClientFactory.For(server);

        var list = await client.ListClustersAsync();

        Assert.Equal(45, list.Count);
        Assert.True(list.Listing.IsComplete, list.Listing.IncompleteBecause);
        Assert.Equal(3, ListRequests(server).Count);
    }

    [Theory]
    [InlineData(ResponseShape.Envelope, false)]
    [InlineData(ResponseShape.Envelope, true)]
    [InlineData(ResponseShape.Bare, false)]
    public async Task A_server_that_ignores_page_costs_two_requests_and_the_listing_says_it_is_incomplete(ResponseShape shape, bool dataLevel)
    {
        // Before: a server repeating page 1 for ever was read to the 10,000-page cap.
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = shape });
        server.Options.ListPaging.IgnorePage = true;
        server.Options.ListPaging.LimitCap = 20;
        server.Options.ListPaging.DataLevelPaging = dataLevel;
        server.State.SeedMany(100, "cluster_ignored_");
        using var client = ClientFactory.For(server);

        var list = await client.ListClustersAsync();

        Assert.Equal(20, list.Count);
        Assert.False(list.Listing.IsComplete);
        Assert.Contains("repeated only clusters already listed", list.Listing.IncompleteBecause);
        Assert.Equal(2, ListRequests(server).Count);
    }

    [Fact]
    public async Task Clusters_stream_to_the_caller_and_stopping_reads_no_further_page()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(1000, "cluster_stream_");
        using var client = ClientFactory.For(server);
        var stream = client.ListClusters();
        var seen = 0;

        await foreach (var _ in stream)
        {
            if (++seen == 150)
            {
                break;
            }
        }

        Assert.True(stream.Listing.StoppedByCaller);
        Assert.Equal(2, stream.Listing.Pages);
        Assert.Equal(2, ListRequests(server).Count);
    }

    private static List<RecordedRequest> ListRequests(SimulatorServer server) =>
        server.State.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/clusters", StringComparison.Ordinal)).ToList();

    private static string PageOf(string query) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=')).First(p => p[0] == "page")[1];
}
