using System.Net.Http.Headers;

namespace TensorOne.Client.Internal;

/// <summary>A response read whole (and capped) inside one attempt, so retries never see a half-read stream.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(int status, string? mediaType, byte[] body, HttpResponseHeaders headers)
    {
        Status = status;
        MediaType = mediaType;
        Body = body;
        Headers = headers;
    }

    public int Status { get; }

    public string? MediaType { get; }

    public byte[] Body { get; }

    public HttpResponseHeaders Headers { get; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public string? HeaderRequestId =>
        Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault() : null;
}
