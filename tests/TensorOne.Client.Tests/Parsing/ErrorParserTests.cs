using TensorOne.Client.Wire;
using Xunit;

namespace TensorOne.Client.Tests.Parsing;

public sealed class ErrorParserTests
{
    [Fact]
    public void Both_documented_error_shapes_are_read()
    {
        var envelope = ErrorParser.ToException(Responses.Of(409, """
            {"success":false,"error":{"code":"INVALID_STATE","message":"Not running","details":{"current_status":"stopping","suggestion":"Wait"}},"meta":{"request_id":"req_env"}}
            """), "cluster_a");
        var bare = ErrorParser.ToException(Responses.Of(404, """
            {"error":"RESOURCE_NOT_FOUND","message":"No such cluster","code":404,"details":"gone","request_id":"req_bare","timestamp":"2025-01-15T16:30:00Z"}
            """), "cluster_b");

        Assert.Equal(("INVALID_STATE", "stopping", "Wait", "req_env"), (envelope.ErrorCode, envelope.CurrentStatus, envelope.Suggestion, envelope.RequestId));
        Assert.Equal(("RESOURCE_NOT_FOUND", "No such cluster", "gone", "req_bare"), (bare.ErrorCode, bare.ApiMessage, bare.Details["message"], bare.RequestId));
    }

    [Fact]
    public void An_html_error_page_names_the_status_and_points_at_the_proxy()
    {
        var failure = ErrorParser.ToException(Responses.Of(502, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"), "cluster_h");

        Assert.Equal("HTTP_502", failure.ErrorCode);
        Assert.Contains("Cluster 'cluster_h'", failure.Message);
        Assert.Contains("HTTP 502 with an HTML page", failure.Message);
        Assert.Contains("proxy", failure.Suggestion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("""{"error":{"code":7}}""")]
    public void Unreadable_error_bodies_fall_back_to_the_status(string body)
    {
        var failure = ErrorParser.ToException(Responses.Of(429, body, headers: h => h.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1800))), "cluster_r");

        Assert.Equal(429, failure.Status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", failure.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1800), failure.RetryAfter);
        Assert.Equal(Responses.Now.AddSeconds(1800), failure.RetryAt);
        Assert.Contains("Retry after 2025-01-15 17:00:00Z.", failure.Message);
    }

    [Fact]
    public void What_a_server_says_is_bounded_and_codes_stay_plain_identifiers()
    {
        var longMessage = new string('m', 100_000);
        var failure = ErrorParser.ToException(Responses.Of(400, "{\"error\":{\"code\":\"BAD,CODE\\nInjected\",\"message\":\"" + longMessage + "\"}}"), "cluster_x");

        Assert.Equal("VALIDATION_ERROR", failure.ErrorCode);
        Assert.True(failure.Message.Length < 2000, "message of " + failure.Message.Length + " characters");
    }
}
