using TensorOne.Client.Wire;
using Xunit;

namespace TensorOne.Client.Tests.Parsing;

public sealed class ResponseParserTests
{
    [Fact]
    public void Unknown_fields_unknown_statuses_and_numbers_as_strings_are_tolerated()
    {
        var wire = ResponseParser.ReadCluster(Responses.Of(200, """
            {"success":true,"data":{"id":"cluster_a","status":"hibernating","gpu_type":"B300","brand_new":{"x":[1,2]},
             "cost":{"hourly_rate":"12.50","currency":"EUR"},"stop_progress":{"phase":"warp_drive","percentage":250}},
             "meta":{"request_id":"req_1","new_meta":true}}
            """), "cluster_a");
        var operation = WireMapper.ToOperation(Client.Models.ClusterOperationKind.Stop, wire);

        Assert.Equal("hibernating", operation.Status);
        Assert.Equal("warp_drive", operation.Progress?.Phase);
        Assert.Equal(100, operation.Progress?.Percentage);
        Assert.Equal(12.50m, WireMapper.ToCluster(wire).HourlyRate);
        Assert.Equal("req_1", operation.RequestId);
    }

    [Fact]
    public void Missing_optional_fields_are_fine_and_a_missing_id_comes_from_the_path()
    {
        var wire = ResponseParser.ReadCluster(Responses.Of(200, """{"status":"stopping"}"""), "cluster_b");

        Assert.Equal("cluster_b", wire.Id);
        Assert.Equal("req_header", wire.RequestId);
    }

    [Theory]
    [InlineData("{}", "neither a cluster id nor a status")]
    [InlineData("""{"success":true,"data":null,"meta":{}}""", "neither a cluster id nor a status")]
    [InlineData("[]", "no cluster object")]
    [InlineData("\"text\"", "no cluster object")]
    [InlineData("""{"id":"cluster_c","status":5}""", "wrong type")]
    [InlineData("""{"id":"cluster_c","created_at":"yesterday"}""", "wrong type")]
    [InlineData("""{"id":"cluster_c","gpu_count":1e400}""", "")]
    [InlineData("""{"id":"cluster_c",""", "not valid JSON")]
    [InlineData("", "the body is empty")]
    public void Bodies_that_are_not_a_cluster_are_INVALID_RESPONSE_naming_cluster_and_status(string body, string why)
    {
        var failure = Assert.Throws<TensorOneRequestFailedException>(() => ResponseParser.ReadCluster(Responses.Of(200, body), "cluster_c"));

        Assert.Equal(TensorOneFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal("INVALID_RESPONSE", failure.ErrorCode);
        Assert.Equal(200, failure.Status);
        Assert.Contains(why, failure.Message);
        Assert.StartsWith("Cluster 'cluster_c': ", failure.Message);
        Assert.Contains("(HTTP 200 INVALID_RESPONSE; request id req_header)", failure.Message);
    }

    [Fact]
    public void An_html_page_and_a_refused_body_say_what_they_are()
    {
        var html = Assert.Throws<TensorOneRequestFailedException>(() =>
            ResponseParser.ReadCluster(Responses.Of(200, "<html><body>Sign in to the Wi-Fi</body></html>", "text/html"), "cluster_h"));
        var huge = Assert.Throws<TensorOneRequestFailedException>(() =>
            ResponseParser.ReadCluster(Responses.Of(200, Array.Empty<byte>(), refusedOver: 64 * 1024), "cluster_h"));

        Assert.Contains("an HTML page", html.Message);
        Assert.Contains("text/html", html.Message);
        Assert.Contains("more than the 64 KiB the client accepts", huge.Message);
    }

    [Fact]
    public void A_success_status_with_the_error_shape_is_the_api_error_it_describes()
    {
        var failure = Assert.Throws<TensorOneRequestFailedException>(() => ResponseParser.ReadCluster(Responses.Of(200, """
            {"success":false,"error":{"code":"INVALID_STATE","message":"Cluster is not running","details":{"current_status":"stopped"}}}
            """), "cluster_e"));

        Assert.Equal(TensorOneFailureKind.ApiError, failure.Kind);
        Assert.True(failure.IsInvalidState);
        Assert.Equal("stopped", failure.CurrentStatus);
    }

    [Fact]
    public void Both_list_shapes_are_read_and_rows_without_ids_are_set_aside()
    {
        var envelope = ResponseParser.ReadPage(Responses.Of(200, """
            {"success":true,"data":{"clusters":[{"id":"a"},{"id":"b","surprise":1}],"pagination":{"has_next":false,"extra":"x"}},"meta":{"request_id":"req_l"}}
            """));
        var bare = ResponseParser.ReadPage(Responses.Of(200, """[{"id":"a","gpuType":"H100"}]"""));

        Assert.Equal(2, envelope.Clusters.Count);
        Assert.False(envelope.Pagination?.HasNext);
        Assert.Equal("H100", bare.Clusters[0].GpuTypeCamel);
        var noId = ResponseParser.ReadPage(Responses.Of(200, """[{"name":"no id"},{"id":"b"}]"""));
        var notObject = ResponseParser.ReadPage(Responses.Of(200, """{"data":{"clusters":[1]},"success":true}"""));
        Assert.Equal("b", Assert.Single(noId.Clusters).Id);
        Assert.Single(noId.Unreadable);
        Assert.Empty(notObject.Clusters);
        Assert.Equal("1", Assert.Single(notObject.Unreadable).Id);
    }
}
