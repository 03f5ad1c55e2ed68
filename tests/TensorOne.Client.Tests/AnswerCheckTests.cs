using TensorOne.Client.Models;

namespace TensorOne.Client.Tests;

/// <summary>What the client accepts as an answer, at the client's own surface.</summary>
public sealed class AnswerCheckTests
{
    [Theory]
    [InlineData("cluster_00001\n")]
    [InlineData("c1\n")]
    public void An_id_with_a_final_line_feed_is_not_an_id(string id)
    {
        Assert.False(ClusterId.IsValid(id));
        Assert.Throws<ArgumentException>(() => ClusterId.Validate(id));
    }

    [Theory]
    [InlineData("tpo_test_abcdef\u200Bghij")]
    [InlineData("tpo_test_abcdéfghij")]
    public void A_key_outside_printable_ASCII_is_refused_without_showing_it(string key)
    {
        var refused = Assert.Throws<ArgumentException>(() => new ApiKey(key));
        Assert.Contains("printable ASCII", refused.Message);
        Assert.DoesNotContain("abcdef", refused.Message);
    }

    [Fact]
    public async Task A_page_with_one_row_of_a_numeric_id_delivers_the_others_and_names_that_row()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        var ids = server.State.SeedMany(30, "row_");
        server.Options.Faults.SpoilListedRow(ids[7], "id", "12345");
        using var client = ClientFactory.For(server);
        var unreadable = new List<UnreadableCluster>();

        var list = await client.ListClustersAsync(null);
        await ReadAllAsync(client.ListClusters(), unreadable);

        Assert.Equal(29, list.Count);
        Assert.True(list.Listing.IsComplete, list.Listing.IncompleteBecause);
        var row = Assert.Single(unreadable);
        Assert.Equal("12345", row.Id);
    }

    [Fact]
    public async Task A_key_given_twice_in_a_row_makes_that_row_unreadable_not_the_page()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        var ids = server.State.SeedMany(5, "row_");
        server.Options.Faults.SpoilListedRow(ids[2], "status", "\"running\",\"status\":\"stopped\"");
        using var client = ClientFactory.For(server);
        var unreadable = new List<UnreadableCluster>();

        var listing = await ReadAllAsync(client.ListClusters(), unreadable);

        Assert.True(listing.IsComplete, listing.IncompleteBecause);
        Assert.Equal(5, listing.Clusters);
        var row = Assert.Single(unreadable);
        Assert.Equal(ids[2], row.Id);
        Assert.Contains("'status' appears twice", row.Problem);
    }

    private static async Task<ClusterListing> ReadAllAsync(ClusterStream stream, List<UnreadableCluster> unreadable)
    {
        await foreach (var _ in stream)
        {
            unreadable.AddRange(stream.TakeUnreadable());
        }

        unreadable.AddRange(stream.TakeUnreadable());
        return stream.Listing;
    }
}
