using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TensorOne.Simulator.Faults;
using static TensorOne.Simulator.Tests.FaultedServer;

namespace TensorOne.Simulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task ResetBeforeHandlerDropsTheConnectionAndCommitsNothing()
    {
        await using var server = await StartWith(FaultKind.ResetBeforeHandler);
        using var http = Http(server);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.PostAsync(Url(server, StopPath), Json("{}")));

        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
        var logged = Assert.Single(await WaitForLogAsync(server, 1));
        Assert.Equal(FaultKind.ResetBeforeHandler, logged.Fault);
        Assert.Equal(0, logged.StatusCode);
        Assert.Equal(1, server.Options.Faults.Injected(FaultKind.ResetBeforeHandler));
    }

    [Fact]
    public async Task UptimeBeyondAnyDurationAnswersTheClusterWithTheLargestJsonInteger()
    {
        await using var server = await StartWith(FaultKind.UptimeBeyondAnyDuration);
        using var http = Http(server);

        using var response = await http.GetAsync(Url(server, "/clusters/cluster_f"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(long.MaxValue, body.RootElement.GetProperty("data").GetProperty("uptime_seconds").GetInt64());
        Assert.Equal("cluster_f", body.RootElement.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ResetAfterHandlerCommitsTheStopButTheClientGetsNoAnswer()
    {
        await using var server = await StartWith(FaultKind.ResetAfterHandler);
        using var http = Http(server);

        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));
            await response.Content.ReadAsByteArrayAsync();
        });

        Assert.True(failure is HttpRequestException or IOException, failure?.ToString() ?? "no failure");
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
        var logged = Assert.Single(await WaitForLogAsync(server, 1));
        Assert.Equal(FaultKind.ResetAfterHandler, logged.Fault);
        Assert.Equal(200, logged.StatusCode);
    }

    [Theory]
    [InlineData(FaultKind.RequestTimeout, 408, "REQUEST_TIMEOUT")]
    [InlineData(FaultKind.InternalServerError, 500, "INTERNAL_ERROR")]
    [InlineData(FaultKind.BadGateway, 502, "BAD_GATEWAY")]
    [InlineData(FaultKind.ServiceUnavailable, 503, "SERVICE_UNAVAILABLE")]
    [InlineData(FaultKind.GatewayTimeout, 504, "GATEWAY_TIMEOUT")]
    [InlineData(FaultKind.TooManyRequests, 429, "RATE_LIMIT_EXCEEDED")]
    public async Task StatusFaultsAnswerInsteadOfTheEndpointWithAnApiError(FaultKind kind, int status, string code)
    {
        await using var server = await StartWith(kind);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(status, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
        Assert.Equal(kind, Assert.Single(await WaitForLogAsync(server, 1)).Fault);
    }

    [Fact]
    public async Task TooManyRequestsSaysRetryAfterInSecondsAndAnEmptyBudget()
    {
        await using var server = await StartWith(FaultKind.TooManyRequests, plan => plan.RetryAfter = TimeSpan.FromSeconds(1800));
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(TimeSpan.FromSeconds(1800), response.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("20", Header(response, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task TooManyRequestsHttpDateIsRoundedUpAndDatedFromTheSimulatorClock()
    {
        var clock = TestClock.Create();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await using var server = await StartWith(FaultKind.TooManyRequestsHttpDate, plan => plan.RetryAfter = TimeSpan.FromSeconds(2), clock);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Null(response.Headers.RetryAfter?.Delta);
        Assert.Equal(TestClock.Start.AddSeconds(3), response.Headers.RetryAfter?.Date);
        Assert.Equal(TestClock.Start, response.Headers.Date);
    }

    [Fact]
    public async Task ServiceUnavailableCarriesRetryAfterOnlyWhenAsked()
    {
        await using var server = await StartWith(FaultKind.ServiceUnavailable);
        using var http = Http(server);

        using (var plain = await http.GetAsync(Url(server, "/clusters")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, plain.StatusCode);
            Assert.Null(plain.Headers.RetryAfter);
        }

        server.Options.Faults.ServiceUnavailableRetryAfter = TimeSpan.FromSeconds(3);
        using var told = await http.GetAsync(Url(server, "/clusters"));
        Assert.Equal(TimeSpan.FromSeconds(3), told.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task BodyFaultsSpoilTheAnswerOfAStopThatWasCommitted()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_empty", "e"), ("cluster_cut", "c"), ("cluster_text", "t"));
        server.Options.Faults
            .Add(FaultKind.EmptyBody, 1, pathPattern: "cluster_empty")
            .Add(FaultKind.MalformedJson, 1, pathPattern: "cluster_cut")
            .Add(FaultKind.WrongContentType, 1, pathPattern: "cluster_text");
        using var http = Http(server);

        using var empty = await http.PostAsync(Url(server, "/clusters/cluster_empty/stop"), Json("{}"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());

        using var cut = await http.PostAsync(Url(server, "/clusters/cluster_cut/stop"), Json("{}"));
        var cutText = await cut.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.StartsWith("{\"success\":true", cutText, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cutText));

        using var text = await http.PostAsync(Url(server, "/clusters/cluster_text/stop"), Json("{}"));
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal("stopping", JsonDocument.Parse(await text.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("status").GetString());

        Assert.All(["cluster_empty", "cluster_cut", "cluster_text"], id => Assert.Equal(1, server.State.CommittedStops(id)));
    }

    [Fact]
    public async Task HtmlErrorPageIsAProxyPageThatReflectsTheRequestHeaders()
    {
        await using var server = await StartWith(FaultKind.HtmlErrorPage, plan => plan.HtmlStatus = 403);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("Bearer " + server.Options.ApiKey, page, StringComparison.Ordinal);
        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task HugeBodyIsSentChunkedAtTheSizeAsked()
    {
        await using var server = await StartWith(FaultKind.HugeBody, plan => plan.HugeBodyBytes = 300_000);
        using var http = Http(server);

        using var response = await http.GetAsync(Url(server, "/clusters/cluster_f"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(300_000, body.Length);
        Assert.Equal("huge", JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeepJsonCommitsTheStopAndAnswersWellFormedJsonNestedDeeperThanTheDefaultReader()
    {
        await using var server = await StartWith(FaultKind.DeepJson);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 2000 }).RootElement.GetArrayLength());
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task SlowBeforeHandlerCommitsNothingWhenTheClientGivesUp()
    {
        await using var server = await StartWith(FaultKind.SlowBeforeHandler, plan => plan.SlowDelay = TimeSpan.FromSeconds(30));
        using var http = Http(server, TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.PostAsync(Url(server, StopPath), Json("{}")));

        var logged = await WaitForLogAsync(server, 1);
        Assert.Equal(499, logged[0].StatusCode);
        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task SlowAfterHandlerCommitsAndThenHoldsTheAnswerBack()
    {
        await using var server = await StartWith(FaultKind.SlowAfterHandler, plan => plan.SlowDelay = TimeSpan.FromSeconds(30));
        using var http = Http(server, TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.PostAsync(Url(server, StopPath), Json("{}")));

        var logged = await WaitForLogAsync(server, 1);
        Assert.Equal(FaultKind.SlowAfterHandler, logged[0].Fault);
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task LowRateLimitChangesOnlyTheBudgetHeaders()
    {
        await using var server = await StartWith(FaultKind.LowRateLimit, plan => plan.LowRateLimitRemaining = 3);
        using var http = Http(server);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("20", Header(response, "X-RateLimit-Limit"));
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task FiltersLimitsAndCountersDecideWhichRequestsAreFaulted()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_f", "f"));
        server.Options.Faults.Add(FaultKind.ServiceUnavailable, 1, method: "POST", pathPattern: "/stop$", limit: 2);
        using var http = Http(server);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var get = await http.GetAsync(Url(server, "/clusters/cluster_f"));
            statuses.Add((int)get.StatusCode);
            using var post = await http.PostAsync(Url(server, StopPath), Json("{}"));
            statuses.Add((int)post.StatusCode);
        }

        Assert.Equal([200, 503, 200, 503, 200, 200], statuses);
        await WaitForLogAsync(server, 6);
        Assert.Equal(2, server.Options.Faults.Injected(FaultKind.ServiceUnavailable));
        Assert.Equal(2, server.Options.Faults.TotalInjected);
        Assert.Equal(2, server.Options.Faults.Rules[0].Injected);
        Assert.Equal(2, server.State.Requests.Count(r => r.Fault == FaultKind.ServiceUnavailable));
    }

    [Fact]
    public async Task TheSameSeedFaultsTheSameRequestsWhateverTheOrderOfArrival()
    {
        async Task<Dictionary<string, FaultKind?>> RunAsync(bool reversed)
        {
            await using var server = await SimulatorServer.StartAsync();
            var ids = server.State.SeedMany(40);
            server.Options.Faults.Seed = 1234;
            server.Options.Faults.Add(FaultKind.ServiceUnavailable, 0.3).Add(FaultKind.TooManyRequests, 0.2);
            using var http = Http(server);
            var order = reversed ? ids.Reverse().ToList() : ids.ToList();
            await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            {
                using var first = await http.GetAsync(Url(server, "/clusters/" + id));
                using var second = await http.GetAsync(Url(server, "/clusters/" + id));
            });

            return (await WaitForLogAsync(server, 80))
                .GroupBy(r => r.ClusterId!)
                .SelectMany(g => g.Select((r, n) => (Key: g.Key + "#" + n, r.Fault)))
                .ToDictionary(x => x.Key, x => x.Fault);
        }

        var forward = await RunAsync(false);
        var backward = await RunAsync(true);

        Assert.Equal(80, forward.Count);
        Assert.Equal(forward.OrderBy(p => p.Key), backward.OrderBy(p => p.Key));
        var faulted = forward.Values.Count(f => f is not null);
        Assert.InRange(faulted, 20, 60); // 50% of 80, loosely
    }

    [Fact]
    public void RulesRefuseRatesOutsideZeroToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPlan().Add(FaultKind.BadGateway, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPlan().Add(FaultKind.BadGateway, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPlan().Add(FaultKind.BadGateway, 0.1, limit: -1));
    }

    [Fact]
    public async Task StalledBodyCommitsSendsHeadersAndHalfTheBodyThenHoldsTheRest()
    {
        await using var server = await StartWith(FaultKind.StalledBody, plan => plan.SlowDelay = TimeSpan.FromSeconds(30));
        using var http = Http(server);

        using var request = new HttpRequestMessage(HttpMethod.Post, Url(server, StopPath)) { Content = Json("{}") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[1];
        Assert.Equal(1, await body.ReadAsync(first));
        using var stalled = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var rest = new byte[1 << 20];
        var failure = await Record.ExceptionAsync(async () =>
        {
            while (await body.ReadAsync(rest, stalled.Token) > 0)
            {
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        Assert.Equal(1, server.State.CommittedStops("cluster_f"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task RedirectAnswersWithTheLocationAndCommitsNothing(int status)
    {
        await using var server = await StartWith(FaultKind.Redirect, plan => plan.RedirectStatus = status);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);

        using var response = await http.PostAsync(Url(server, StopPath), Json("{}"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(new Uri("https://api.moved.example/v2" + StopPath), response.Headers.Location);
        Assert.Equal(0, server.State.CommittedStops("cluster_f"));
    }

    [Fact]
    public async Task EveryAnswerCarriesADateFromTheSimulatorsClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var server = await StartWith(FaultKind.LowRateLimit, clock: clock);
        using var http = Http(server);

        using var response = await http.GetAsync(Url(server, "/clusters/cluster_f"));

        Assert.Equal(clock.GetUtcNow(), response.Headers.Date);
    }
}
