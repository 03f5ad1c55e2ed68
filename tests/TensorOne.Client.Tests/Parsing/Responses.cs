using System.Net.Http.Headers;
using System.Text;
using TensorOne.Client.Http;

namespace TensorOne.Client.Tests.Parsing;

/// <summary>Builds the transport's response objects for parser tests, without a server.</summary>
internal static class Responses
{
    public static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 30, 0, TimeSpan.Zero);

    public static ApiResponse Of(int status, string body, string? mediaType = "application/json", Action<HttpResponseHeaders>? headers = null) =>
        Of(status, Encoding.UTF8.GetBytes(body), mediaType, headers);

    public static ApiResponse Of(int status, byte[] body, string? mediaType = "application/json", Action<HttpResponseHeaders>? headers = null, int? refusedOver = null)
    {
        var message = new HttpResponseMessage();
        headers?.Invoke(message.Headers);
        return new ApiResponse(status, mediaType, body, message.Headers, Now, "req_header", refusedOver);
    }
}
