namespace TensorOne.Client.Tests;

/// <summary>
/// A listing is a lazy stream of clusters: the next page is asked for only once the consumer has taken
/// every row of the one before, and a consumer that stops or cancels leaves no request behind. Shown by
/// the list requests the simulator saw.
/// </summary>
public sealed class ListingStreamTests
{
    [Fact]
    public async Task A_consumer_that_takes_three_clusters_costs_one_page()
    {
        await using var server = await SimulatorServer.StartAsync();
        var ids = server.State.SeedMany(250, "cluster_lazy_");
        using var client = ClientFactory.For(server);
        var stream = client.ListClusters();
        var taken = new List<string>();

        await foreach (var cluster in stream)
        {
            taken.Add(cluster.Id);
            if (taken.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(ids.Take(3), taken);
        Assert.Equal(new[] { "1" }, ListRequests(server).Select(r => PageOf(r.Query)));
        Assert.True(stream.Listing.StoppedByCaller);
        Assert.Equal(1, stream.Listing.Pages);
    }

    [Fact]
    public async Task Breaking_out_after_the_last_row_of_page_one_sends_no_second_page_and_leaves_nothing_running()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(250, "cluster_brk_");
        using var client = ClientFactory.For(server);
        var first = client.ListClusters();
        var taken = 0;

        await foreach (var _ in first)
        {
            if (++taken == TensorOneClient.PageSize)
            {
                break;
            }
        }

        Assert.Equal(new[] { "1" }, ListRequests(server).Select(r => PageOf(r.Query)));

        // A read-ahead of the stopped walk would show as a page 2 among the next listing's requests.
        var whole = await client.ListClustersAsync();
        Assert.Equal(250, whole.Count);
        Assert.Equal(new[] { "1", "1", "2", "3" }, ListRequests(server).Select(r => PageOf(r.Query)));
        Assert.True(first.Listing.StoppedByCaller);
        Assert.False(first.Listing.IsComplete);
        Assert.True(whole.Listing.IsComplete, whole.Listing.IncompleteBecause);
    }

    [Fact]
    public async Task Cancelling_mid_page_ends_the_walk_at_the_next_row_without_another_request()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(250, "cluster_cnl_");
        using var client = ClientFactory.For(server);
        using var cancel = new CancellationTokenSource();
        var taken = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.ListClusters().WithCancellation(cancel.Token))
            {
                if (++taken == 50)
                {
                    cancel.Cancel();
                }
            }
        });

        Assert.Equal(50, taken);
        Assert.Single(ListRequests(server));
    }

    [Fact]
    public async Task Cancelling_between_pages_sends_no_next_page()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(250, "cluster_btw_");
        using var client = ClientFactory.For(server);
        using var cancel = new CancellationTokenSource();
        await using var rows = client.ListClusters().GetAsyncEnumerator(cancel.Token);
        for (var i = 0; i < TensorOneClient.PageSize; i++)
        {
            Assert.True(await rows.MoveNextAsync());
        }

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await rows.MoveNextAsync());
        Assert.Single(ListRequests(server));
    }

    [Fact]
    public async Task A_stream_is_read_once()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(3, "cluster_once_");
        using var client = ClientFactory.For(server);
        var stream = client.ListClusters();
        await foreach (var _ in stream)
        {
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in stream)
            {
            }
        });
        Assert.True(stream.Listing.IsComplete, stream.Listing.IncompleteBecause);
        Assert.Single(ListRequests(server));
    }

    private static List<RecordedRequest> ListRequests(SimulatorServer server) =>
        server.State.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/clusters", StringComparison.Ordinal)).ToList();

    private static string PageOf(string query) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=')).First(p => p[0] == "page")[1];
}
