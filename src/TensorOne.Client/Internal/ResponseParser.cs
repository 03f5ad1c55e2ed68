using System.Text.Json;

namespace TensorOne.Client.Internal;

/// <summary>
/// Reads the documented response shapes into wire objects. Anything else (HTML from a proxy,
/// truncated JSON, a JSON value of the wrong kind) becomes an INVALID_RESPONSE failure that names the
/// status and the content type, never a JsonException or a NullReferenceException.
/// </summary>
internal static class ResponseParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ClusterWire ReadCluster(ApiResponse response, string? clusterId)
    {
        using var document = Parse(response, clusterId);
        var (data, requestId) = Unwrap(document.RootElement);
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(response, clusterId, "the response holds no cluster object");
        }

        var wire = Deserialize(data, TensorOneJsonContext.Default.ClusterWire, response, clusterId);
        if (string.IsNullOrEmpty(wire.Id) && clusterId is not null)
        {
            // Some operation answers omit the id; the path we called names it.
            wire.Id = clusterId;
        }

        if (string.IsNullOrEmpty(wire.Id))
        {
            throw Invalid(response, clusterId, "the cluster object has no id");
        }

        wire.RequestId = requestId ?? response.HeaderRequestId;
        return wire;
    }

    public static ClusterPage ReadPage(ApiResponse response)
    {
        using var document = Parse(response, null);
        var (data, requestId) = Unwrap(document.RootElement);
        JsonElement items;
        PaginationWire? pagination = null;
        if (data.ValueKind == JsonValueKind.Array)
        {
            items = data;
        }
        else if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("clusters", out var clusters) && clusters.ValueKind == JsonValueKind.Array)
        {
            items = clusters;
            if (data.TryGetProperty("pagination", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                pagination = Deserialize(p, TensorOneJsonContext.Default.PaginationWire, response, null);
            }
        }
        else
        {
            throw Invalid(response, null, "the response holds no list of clusters");
        }

        var list = new List<ClusterWire>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(response, null, "the list of clusters holds a value that is not a cluster");
            }

            var wire = Deserialize(item, TensorOneJsonContext.Default.ClusterWire, response, null);
            if (string.IsNullOrEmpty(wire.Id))
            {
                throw Invalid(response, null, "a cluster in the list has no id");
            }

            list.Add(wire);
        }

        return new ClusterPage(list, pagination, requestId ?? response.HeaderRequestId);
    }

    internal static TensorOneRequestFailedException Invalid(ApiResponse response, string? clusterId, string why, Exception? inner = null)
    {
        var type = string.IsNullOrEmpty(response.MediaType) ? "no content type" : response.MediaType;
        return new TensorOneRequestFailedException(
            TensorOneFailureKind.InvalidResponse,
            response.Status,
            "INVALID_RESPONSE",
            $"The API returned a response that could not be read ({why}; {type}, {response.Body.Length} bytes)",
            response.HeaderRequestId,
            clusterId: clusterId,
            innerException: inner);
    }

    private static JsonDocument Parse(ApiResponse response, string? clusterId)
    {
        if (response.Body.Length == 0)
        {
            throw Invalid(response, clusterId, "the body is empty");
        }

        try
        {
            return JsonDocument.Parse(response.Body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var why = LooksLikeHtml(response) ? "an HTML page, likely from a proxy" : "the body is not valid JSON";
            throw Invalid(response, clusterId, why, ex);
        }
    }

    /// <summary>Takes the <c>data</c> of an envelope, or the root itself for the bare shape.</summary>
    private static (JsonElement Data, string? RequestId) Unwrap(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("data", out var data)
            && (data.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            && (root.TryGetProperty("success", out _) || root.TryGetProperty("meta", out _)))
        {
            return (data, ReadMetaRequestId(root));
        }

        return (root, null);
    }

    internal static string? ReadMetaRequestId(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("meta", out var meta)
            && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("request_id", out var id)
            && id.ValueKind == JsonValueKind.String)
        {
            return id.GetString();
        }

        return null;
    }

    private static T Deserialize<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, ApiResponse response, string? clusterId)
        where T : class
    {
        try
        {
            return element.Deserialize(info) ?? throw Invalid(response, clusterId, "a JSON null where an object was expected");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw Invalid(response, clusterId, "a field has a value of the wrong type", ex);
        }
    }

    private static bool LooksLikeHtml(ApiResponse response)
    {
        if (response.MediaType is { } type && type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        var head = System.Text.Encoding.UTF8.GetString(response.Body, 0, Math.Min(response.Body.Length, 64)).TrimStart();
        return head.StartsWith("<", StringComparison.Ordinal);
    }
}
