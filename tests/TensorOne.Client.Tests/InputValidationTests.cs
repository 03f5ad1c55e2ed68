namespace TensorOne.Client.Tests;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData("cluster_abc123", true)]
    [InlineData("a", true)]
    [InlineData("v1.2-x_y", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("..", false)]
    [InlineData("a..b", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a?b", false)]
    [InlineData("a#b", false)]
    [InlineData("a%b", false)]
    [InlineData(".hidden", false)]
    [InlineData("tab\there", false)]
    [InlineData("nul\0", false)]
    public void Cluster_ids_are_checked_against_an_allow_list(string id, bool valid) =>
        Assert.Equal(valid, ClusterId.IsValid(id));

    [Fact]
    public void A_control_character_is_shown_escaped_in_the_message()
    {
        var problem = ClusterId.Explain("abc\u0007");
        Assert.Contains("\\u0007", problem);
        Assert.False(problem!.Contains('\u0007'), "the raw control character must not reach the message");
    }

    [Theory]
    [InlineData("https://api.tensorone.ai/v2", true)]
    [InlineData("http://127.0.0.1:5000/v2", true)]
    [InlineData("http://localhost/v2", true)]
    [InlineData("http://[::1]:8080/v2", true)]
    [InlineData("http://api.tensorone.ai/v2", false)]
    [InlineData("http://192.168.1.10/v2", false)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("https://user:pass@api.tensorone.ai/v2", false)]
    [InlineData("https://api.tensorone.ai/v2?x=1", false)]
    public void Base_uris_must_be_https_except_for_loopback(string uri, bool valid) =>
        Assert.Equal(valid, BaseUriPolicy.Explain(new Uri(uri)) is null);

    [Fact]
    public void The_api_key_never_shows_in_text()
    {
        var key = new ApiKey("tpo_live_abcdef123456");
        Assert.Equal("***", key.ToString());
        Assert.Equal("***", $"{key}");
        Assert.Equal("live", key.Kind);
        var options = new TensorOneClientOptions { ApiKey = key };
        Assert.DoesNotContain("abcdef", options.ApiKey!.ToString());
    }

    [Theory]
    [InlineData(31, null)]
    [InlineData(-1, null)]
    [InlineData(null, 0)]
    [InlineData(null, 61)]
    public async Task Out_of_range_requests_fail_before_any_request(int? grace, int? timeout)
    {
        using var client = new TensorOneClient(new TensorOneClientOptions { BaseUri = new Uri("http://127.0.0.1:9/v2"), ApiKey = new ApiKey("tpo_test_x") });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.StopClusterAsync("cluster_a", new Requests.StopClusterRequest { GracePeriodMinutes = grace, TimeoutMinutes = timeout }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.RestartClusterAsync("cluster_a", new Requests.RestartClusterRequest { GracePeriodMinutes = grace, TimeoutMinutes = timeout }));
    }
}
