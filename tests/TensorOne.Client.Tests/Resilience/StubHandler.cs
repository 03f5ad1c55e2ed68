using System.Net;
using System.Text;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>An outgoing handler that answers every request itself, for answers no simulator fault gives.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Requests { get; private set; }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        return Task.FromResult(answer(request));
    }
}
