using System.Globalization;
using System.Text.Json;
using TensorOne.Client.Http;
using TensorOne.Client.Resilience;
using TensorOne.Client.Secrets;

namespace TensorOne.Client.Wire;

/// <summary>
/// Turns an error response into the one exception type, from either documented error shape:
/// <c>{"success":false,"error":{"code","message","details"}}</c> or
/// <c>{"error":"CODE","message","code":404,"details","request_id"}</c>. A body that is neither (an
/// HTML page, broken JSON, nothing) leaves the status to tell the story; it never throws anything else.
/// </summary>
internal static class ErrorParser
{
    internal const int MaxRequestIdLength = 128;

    /// <summary>The documented code of HTTP 429, used for every rate-limit failure whatever the server called it.</summary>
    internal const string RateLimitCode = "RATE_LIMIT_EXCEEDED";

    // What reaches a message, an ErrorRecord and a log is bounded, however much a server sends.
    private const int MaxMessageLength = 1000;
    private const int MaxCodeLength = 64;
    private const int MaxDetails = 32;

    public static TensorOneRequestFailedException ToException(ApiResponse response, string? clusterId)
    {
        string? code = null;
        string? message = null;
        var requestId = response.HeaderRequestId;
        var details = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        if (response.Body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    requestId = ResponseParser.ReadMetaRequestId(root) ?? Clip(ReadString(root, "request_id"), MaxRequestIdLength) ?? requestId;
                    if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    {
                        code = ReadString(error, "code");
                        message = ReadString(error, "message");
                        ReadDetails(error, details);
                    }
                    else
                    {
                        code = ReadString(root, "error") ?? ReadString(root, "code");
                        message = ReadString(root, "message");
                        ReadDetails(root, details);
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                // Not JSON (an HTML page from a proxy, say) or not text: what was read so far stands,
                // and the status tells the rest.
            }
        }

        var retryAfter = RetryAfterHeader.Read(response.Headers, response.ReceivedAt);
        code = response.Mask.Apply(code);
        code = IsPlainCode(code) ? code : DefaultCode(response.Status);
        if (response.Status == 429 && code != RateLimitCode)
        {
            // One kind of failure, one id: servers name the rate limit differently (RATE_LIMITED, TOO_MANY_REQUESTS),
            // and the client's own refusal while throttled says the documented code. The server's word is kept.
            details["api_code"] = code!;
            code = RateLimitCode;
        }

        if (IsRedirect(response.Status))
        {
            // Whatever the body says, the point is where the server sent us and that we did not go.
            code = "REDIRECTED";
            message = null;
        }

        message = Clip(response.Mask.Apply(message), MaxMessageLength) is { Length: > 0 } m ? m : DefaultMessage(response);
        requestId = response.Mask.Apply(requestId);
        MaskDetails(details, response.Mask);
        if (!details.ContainsKey("suggestion") && (response.LooksLikeHtml ? HtmlSuggestion : Suggest(code!)) is { } suggestion)
        {
            details["suggestion"] = suggestion;
        }

        return new TensorOneRequestFailedException(
            TensorOneFailureKind.ApiError,
            response.Status,
            code!,
            message,
            requestId,
            details,
            clusterId,
            retryAfter,
            retryAfter is { } delay ? response.ReceivedAt + delay : null);
    }

    /// <summary>
    /// True when an error answer is in one of the API's two documented error shapes
    /// (<c>{"success": false, "error": {"code": ...}}</c> or <c>{"error": "CODE", "message": ...}</c>):
    /// the API's own word, not a page from a gateway or proxy in front of it.
    /// </summary>
    internal static bool IsApiErrorEnvelope(ApiResponse response)
    {
        if (response.Body.Length == 0 || response.MediaType is not { } type || type.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out var error)
                && (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    || error.ValueKind == JsonValueKind.String && root.TryGetProperty("message", out _));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return false;
        }
    }

    internal static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static void MaskDetails(Dictionary<string, string> details, SecretMask mask)
    {
        foreach (var pair in details.ToList())
        {
            var name = mask.Apply(pair.Key)!;
            if (!ReferenceEquals(name, pair.Key))
            {
                details.Remove(pair.Key);
            }

            details[name] = mask.Apply(pair.Value)!;
        }
    }

    private const string HtmlSuggestion = "Something between the client and the API (a proxy, firewall or gateway) answered; check the configured base URI and the network path";

    internal static string? Suggest(string code) => code switch
    {
        "UNAUTHORIZED" => "Check the API key",
        "FORBIDDEN" => "The key lacks a permission this operation needs (e.g. clusters:write)",
        "RATE_LIMIT_EXCEEDED" => "Wait for the rate-limit window to reset, or send fewer requests at once",
        "REDIRECTED" => "Redirects are not followed (the API key would go with them); if the new location is the API, connect to it with Connect-T1Account -BaseUri, or set TENSORONE_BASE_URI",
        _ => null,
    };

    internal static string? Clip(string? text, int max) =>
        text is null || text.Length <= max ? text : text.Substring(0, max) + "…";

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        }
        : null;

    private static void ReadDetails(JsonElement owner, Dictionary<string, string> into)
    {
        if (!owner.TryGetProperty("details", out var details))
        {
            return;
        }

        if (details.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in details.EnumerateObject())
            {
                if (into.Count >= MaxDetails)
                {
                    break;
                }

                var value = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? ""
                    : property.Value.GetRawText();
                into[property.Name] = Clip(value, MaxMessageLength)!;
            }
        }
        else if (details.ValueKind == JsonValueKind.String)
        {
            into["message"] = Clip(details.GetString(), MaxMessageLength) ?? "";
        }
    }

    // The code ends up in an ErrorRecord's FullyQualifiedErrorId, where scripts match on it: only a
    // plain identifier (a letter, then letters, digits, '_', '.', '-') is taken from the server.
    private static bool IsPlainCode(string? code) =>
        code is { Length: > 0 and <= MaxCodeLength } && char.IsLetter(code[0]) && code.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-');

    private static string DefaultCode(int status) => status switch
    {
        400 => "VALIDATION_ERROR",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "RESOURCE_NOT_FOUND",
        408 => "REQUEST_TIMEOUT",
        409 => "STATE_CONFLICT",
        422 => "SEMANTIC_ERROR",
        429 => "RATE_LIMIT_EXCEEDED",
        _ => "HTTP_" + status.ToString(CultureInfo.InvariantCulture),
    };

    private static string DefaultMessage(ApiResponse response) =>
        IsRedirect(response.Status) ? RedirectMessage(response)
        : response.LooksLikeHtml
            ? $"The API answered HTTP {response.Status} with an HTML page instead of JSON, likely from a proxy or gateway ({response.DescribeBody()})"
            : $"The API answered HTTP {response.Status} without a readable error ({response.DescribeBody()})";

    private static string RedirectMessage(ApiResponse response)
    {
        var location = response.Header("Location", 300);
        return location is null
            ? $"The API answered HTTP {response.Status}, a redirect without a Location; the base URI is probably wrong. Redirects are not followed"
            : $"The API answered HTTP {response.Status}: the server points to '{location}'. Redirects are not followed; if that is the API, connect with Connect-T1Account -BaseUri {SuggestedBase(location)}";
    }

    // The Location up to the API's path: '/clusters/...' and what follows is ours, the rest is the base.
    private static string SuggestedBase(string location)
    {
        var at = location.IndexOf("/clusters", StringComparison.OrdinalIgnoreCase);
        return at > 0 ? location.Substring(0, at) : location;
    }
}
