using System.Globalization;
using System.Text.Json;

namespace TensorOne.Client.Internal;

/// <summary>
/// Turns an error response into the one exception type, from either documented error shape:
/// <c>{"success":false,"error":{"code","message","details"}}</c> or
/// <c>{"error":"CODE","message","code":404,"details","request_id"}</c>.
/// </summary>
internal static class ErrorParser
{
    public static TensorOneRequestFailedException ToException(ApiResponse response, string? clusterId, DateTimeOffset now)
    {
        string? code = null;
        string? message = null;
        string? requestId = response.HeaderRequestId;
        var details = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        if (response.Body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    requestId = ResponseParser.ReadMetaRequestId(root) ?? ReadString(root, "request_id") ?? requestId;
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
            catch (JsonException)
            {
                // Not JSON (an HTML page from a proxy, say): the status alone must then tell the story.
            }
        }

        var retryAfter = RetryAfterHeader.Read(response.Headers, now);
        code ??= DefaultCode(response.Status);
        message ??= DefaultMessage(response);
        if (!details.ContainsKey("suggestion") && Suggest(code) is { } suggestion)
        {
            details["suggestion"] = suggestion;
        }

        return new TensorOneRequestFailedException(
            TensorOneFailureKind.ApiError,
            response.Status,
            code,
            message,
            requestId,
            details,
            clusterId,
            retryAfter,
            retryAfter is { } delay ? now + delay : null);
    }

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
                into[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? ""
                    : property.Value.GetRawText();
            }
        }
        else if (details.ValueKind == JsonValueKind.String)
        {
            into["message"] = details.GetString() ?? "";
        }
    }

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

    private static string DefaultMessage(ApiResponse response)
    {
        var type = string.IsNullOrEmpty(response.MediaType) ? "no content type" : response.MediaType;
        return $"The API answered HTTP {response.Status} without a readable error ({type}, {response.Body.Length} bytes)";
    }

    private static string? Suggest(string code) => code switch
    {
        "UNAUTHORIZED" => "Check the API key given to Connect-T1Account or in TENSORONE_API_KEY",
        "FORBIDDEN" => "The key lacks a permission this operation needs (e.g. clusters:write)",
        "RATE_LIMIT_EXCEEDED" => "Wait for the rate-limit window to reset, or lower -ThrottleLimit",
        _ => null,
    };
}
