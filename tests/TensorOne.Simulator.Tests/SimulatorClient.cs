using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TensorOne.Simulator.Tests;

/// <summary>A thin HttpClient over a running simulator: the tests talk to it over real HTTP.</summary>
internal sealed class SimulatorClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Uri _baseUri;

    public SimulatorClient(SimulatorServer server, string? apiKey = null)
    {
        _baseUri = server.BaseUri;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? server.Options.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("TensorOne.Simulator.Tests/1.0");
    }

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(path)));

    public Task<ApiAnswer> PostAsync(string path, string? json = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    // BaseUri has no trailing slash, so paths are appended rather than resolved against it.
    private Uri Url(string path) => new(_baseUri + path);

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonSerializer.Deserialize<JsonElement>(text);
            return new ApiAnswer(response.StatusCode, body, response.Headers, response.Content.Headers.ContentType?.MediaType);
        }
    }
}
