using System.Net.Http.Headers;
using TensorOne.Client.Secrets;
using TensorOne.Client.Wire;

namespace TensorOne.Client.Http;

/// <summary>A response read whole (and capped) inside one attempt, so retries never see a half-read stream.</summary>
internal sealed class ApiResponse(int status, string? mediaType, byte[] body, HttpResponseHeaders headers, DateTimeOffset receivedAt, string? requestId = null, int? refusedOver = null, SecretMask? mask = null)
{
    public int Status { get; } = status;

    /// <summary>Masks the key in any text taken out of this response, after decoding.</summary>
    public SecretMask Mask { get; } = mask ?? SecretMask.None;

    /// <summary>A header's first value, masked and clipped: header text is the server's, like the body.</summary>
    public string? Header(string name, int maxLength) =>
        Headers.TryGetValues(name, out var values) ? ErrorParser.Clip(Mask.Apply(values.FirstOrDefault()), maxLength) : null;

    // A header echoes what it likes, the key included.
    public string? MediaType { get; } = (mask ?? SecretMask.None).Apply(mediaType);

    /// <summary>The body, with the API key masked wherever the server reflected it. Empty when refused for size.</summary>
    public byte[] Body { get; } = body;

    public HttpResponseHeaders Headers { get; } = headers;

    /// <summary>When the answer arrived, on the client's clock.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The X-Request-Id header (masked like the body).</summary>
    public string? HeaderRequestId { get; set; } = requestId;

    /// <summary>The cap in bytes the body went over, when it was refused rather than read; null when it was read.</summary>
    public int? RefusedOver { get; } = refusedOver;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>What the call's reader made of a successful answer (see <see cref="ApiCall.Reader"/>).</summary>
    public object? Parsed { get; set; }

    /// <summary>An HTML page (by type or by its first characters): a proxy or gateway answered, not the API.</summary>
    public bool LooksLikeHtml
    {
        get
        {
            if (MediaType is { } type && type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            var head = System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 64)).TrimStart();
            return head.StartsWith("<", StringComparison.Ordinal);
        }
    }

    /// <summary>Type and size, for messages about a body that could not be used.</summary>
    public string DescribeBody()
    {
        var type = string.IsNullOrEmpty(MediaType) ? "no content type" : MediaType!;
        var size = RefusedOver is { } cap
            ? $"more than the {cap / 1024} KiB the client accepts"
            : Body.Length == 1 ? "1 byte" : $"{Body.Length} bytes";
        return type + ", " + size;
    }
}
