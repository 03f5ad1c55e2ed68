using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Per-request facts every later stage needs: the request id (header, meta and error bodies agree on
/// it) and the body text, read once by the recorder so handlers need not read the stream again.
/// </summary>
internal sealed class ApiRequestContext(string requestId, string body)
{
    public string RequestId { get; } = requestId;

    public string Body { get; } = body;

    public static string NewRequestId() => "req_" + RandomNumberGenerator.GetHexString(16, lowercase: true);

    public static ApiRequestContext Of(HttpContext context) => context.Features.GetRequiredFeature<ApiRequestContext>();
}
