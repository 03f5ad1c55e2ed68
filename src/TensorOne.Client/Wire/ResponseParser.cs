using System.Text.Json;
using TensorOne.Client.Http;
using TensorOne.Client.Resilience;
using TensorOne.Client.Secrets;

namespace TensorOne.Client.Wire;

/// <summary>
/// Reads the documented response shapes into wire objects. Anything else (HTML from a proxy,
/// truncated JSON, a JSON value of the wrong kind, a body over the size cap) becomes an
/// INVALID_RESPONSE failure that names the cluster, the status and the content type, never a
/// JsonException or a NullReferenceException. A 2xx that carries the error shape is the API error it says.
/// </summary>
internal static class ResponseParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ClusterWire ReadCluster(ApiResponse response, string? clusterId) =>
        Guarded(response, clusterId, () =>
        {
            using var document = Parse(response, clusterId);
            ThrowIfErrorShape(document.RootElement, response, clusterId);
            if (DuplicateKeys.Find(document.RootElement) is { } twice)
            {
                throw Invalid(response, clusterId, $"the key '{response.Mask.Apply(twice)}' appears twice in one object, so which value holds is unknown");
            }

            var (data, requestId) = Unwrap(document.RootElement);
            if (data.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(response, clusterId, "the response holds no cluster object");
            }

            var wire = Deserialize(data, TensorOneJsonContext.Default.ClusterWire, response, clusterId);
            if (string.IsNullOrEmpty(wire.Id) && string.IsNullOrEmpty(wire.Status))
            {
                // Not a cluster in either spelling (an empty object, someone else's JSON).
                throw Invalid(response, clusterId, "the object has neither a cluster id nor a status");
            }

            if (string.IsNullOrEmpty(wire.Id))
            {
                // Some operation answers omit the id; the path we called names it.
                wire.Id = clusterId;
            }

            if (string.IsNullOrEmpty(wire.Id))
            {
                throw Invalid(response, clusterId, "the cluster object has no id");
            }

            if (clusterId is not null && !string.Equals(wire.Id, clusterId, StringComparison.Ordinal))
            {
                // An answer about another cluster is no answer to this question, and must never be acted on.
                throw Invalid(response, clusterId, $"it describes cluster '{ClusterRows.Printable(wire.Id!)}', not the cluster asked for");
            }

            wire.RequestId = response.Mask.Apply(requestId) ?? response.HeaderRequestId;
            return wire;
        });

    public static ClusterPage ReadPage(ApiResponse response) =>
        Guarded(response, null, () =>
        {
            using var document = Parse(response, null);
            ThrowIfErrorShape(document.RootElement, response, null);
            var (data, requestId) = Unwrap(document.RootElement);
            JsonElement items;
            PaginationWire? pagination = null;
            if (data.ValueKind == JsonValueKind.Array)
            {
                items = data;

                // An envelope whose data is the bare list may still say has_more / total beside it.
                pagination = document.RootElement.ValueKind == JsonValueKind.Object ? ReadPaging(document.RootElement, response) : null;
            }
            else if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("clusters", out var clusters) && clusters.ValueKind == JsonValueKind.Array)
            {
                items = clusters;
                pagination = ReadPaging(data, response);
            }
            else
            {
                throw Invalid(response, null, "the response holds no list of clusters");
            }

            if (DuplicateKeys.FindAroundRows(document.RootElement) is { } twice)
            {
                throw Invalid(response, null, $"the key '{response.Mask.Apply(twice)}' appears twice in one object, so which value holds is unknown");
            }

            // Row by row: one row that cannot be read is that row's problem, not the page's.
            var rows = ClusterRows.Read(items, item => Deserialize(item, TensorOneJsonContext.Default.ClusterWire, response, null), response.Mask);
            return new ClusterPage(rows.Clusters, pagination, requestId ?? response.HeaderRequestId) { Unreadable = rows.Unreadable };
        });

    /// <summary>
    /// Paging facts from every documented place: a <c>pagination</c> object, and <c>has_more</c>,
    /// <c>total</c>, <c>page</c>, <c>limit</c> beside the list. The pagination object wins where both speak.
    /// </summary>
    private static PaginationWire? ReadPaging(JsonElement holder, ApiResponse response)
    {
        PaginationWire? nested = null;
        if (holder.TryGetProperty("pagination", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            nested = Deserialize(p, TensorOneJsonContext.Default.PaginationWire, response, null);
        }

        var flat = new PaginationWire
        {
            HasMore = ReadBool(holder, "has_more") ?? ReadBool(holder, "has_next"),
            Total = ReadInt(holder, "total"),
            Page = ReadInt(holder, "page"),
            Limit = ReadInt(holder, "limit"),
            TotalPages = ReadInt(holder, "total_pages"),
        };
        if (nested is null)
        {
            return flat.HasMore is null && flat.Total is null && flat.Page is null && flat.Limit is null && flat.TotalPages is null ? null : flat;
        }

        nested.HasMore ??= flat.HasMore;
        nested.Total ??= flat.Total;
        nested.Page ??= flat.Page;
        nested.Limit ??= flat.Limit;
        nested.TotalPages ??= flat.TotalPages;
        return nested;
    }

    private static bool? ReadBool(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static int? ReadInt(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    internal static TensorOneRequestFailedException Invalid(ApiResponse response, string? clusterId, string why, Exception? inner = null) =>
        new(
            TensorOneFailureKind.InvalidResponse,
            response.Status,
            "INVALID_RESPONSE",
            $"The API returned a response that could not be read ({why}; {response.DescribeBody()})",
            response.HeaderRequestId,
            clusterId: clusterId,
            innerException: inner);

    internal static string? ReadMetaRequestId(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("meta", out var meta)
            && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("request_id", out var id)
            && id.ValueKind == JsonValueKind.String)
        {
            return ErrorParser.Clip(id.GetString(), ErrorParser.MaxRequestIdLength);
        }

        return null;
    }

    /// <summary>
    /// The boundary between the wire and the client: whatever System.Text.Json throws on a hostile body
    /// (bad UTF-8 inside a string, a number too large, a value of the wrong kind) becomes INVALID_RESPONSE.
    /// </summary>
    private static T Guarded<T>(ApiResponse response, string? clusterId, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw Invalid(response, clusterId, "a value in it is malformed", ex);
        }
    }

    private static JsonDocument Parse(ApiResponse response, string? clusterId)
    {
        if (response.RefusedOver is not null)
        {
            var over = FinalFailure.OverCap(response);
            throw Invalid(response, clusterId, over.Message, over);
        }

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
            var (why, inner) = FinalFailure.Classify(response, ex, DocumentOptions.MaxDepth);
            throw Invalid(response, clusterId, why, inner);
        }
    }

    // {"success": false, "error": ...} is an error whatever the status says.
    private static void ThrowIfErrorShape(JsonElement root, ApiResponse response, string? clusterId)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("success", out var success)
            && success.ValueKind == JsonValueKind.False)
        {
            throw ErrorParser.ToException(response, clusterId);
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

    private static T Deserialize<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, ApiResponse response, string? clusterId)
        where T : class
    {
        try
        {
            var value = element.Deserialize(info) ?? throw Invalid(response, clusterId, "a JSON null where an object was expected");
            if (value is ClusterWire cluster)
            {
                WireMask.Apply(cluster, response.Mask);
            }

            return value;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw Invalid(response, clusterId, "a field has a value of the wrong type", ex);
        }
    }
}
