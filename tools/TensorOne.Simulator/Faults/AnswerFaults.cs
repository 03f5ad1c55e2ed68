using System.Text;
using System.Text.Json.Nodes;

namespace TensorOne.Simulator.Faults;

/// <summary>
/// Answers that are well-formed HTTP and JSON (or nearly) but do not answer the question: another
/// cluster's id, a key given twice, one odd row in a page, the key echoed in a header.
/// </summary>
internal static class AnswerFaults
{
    public static byte[] Spoil(FaultKind kind, byte[] answer, FaultPlan plan)
    {
        if (answer.Length == 0 || JsonNode.Parse(answer) is not { } root)
        {
            return answer;
        }

        return kind switch
        {
            FaultKind.AnswerForAnotherId => ForAnotherId(root, plan.OtherClusterId),
            FaultKind.DuplicateIdKey => WithIdTwice(root, plan.OtherClusterId),
            FaultKind.OddRow => WithOddRow(root, plan),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an answer fault."),
        };
    }

    /// <summary>
    /// A media type whose subtype is the key (a header an echoing server fills from the request), with
    /// what a subtype cannot hold (<c>/</c>, say) percent-encoded, so the header still parses.
    /// </summary>
    public static string ContentTypeEchoing(string key)
    {
        var text = new StringBuilder("application/x-echo-");
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c) || "!#$&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static byte[] ForAnotherId(JsonNode root, string otherId)
    {
        if (ClusterOf(root) is { } cluster)
        {
            cluster["id"] = otherId;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // Written as text: a JSON object model cannot hold one key twice, which is the point.
    private static byte[] WithIdTwice(JsonNode root, string otherId)
    {
        if (ClusterOf(root) is not { } cluster)
        {
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        cluster["__second_id__"] = otherId;
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace("\"__second_id__\"", "\"id\"", StringComparison.Ordinal));
    }

    private static byte[] WithOddRow(JsonNode root, FaultPlan plan)
    {
        if (RowsOf(root) is not { Count: > 0 } rows)
        {
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        var row = plan.OddRowId is { } id
            ? rows.OfType<JsonObject>().FirstOrDefault(r => (string?)r["id"] == id)
            : rows[0] as JsonObject;
        if (row is null)
        {
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        // The value goes in as raw JSON text, so any kind (a number where a string belongs) can be written.
        const string Marker = "\"__odd_value__\"";
        row[plan.OddRowField] = "__odd_value__";
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace(Marker, plan.OddRowValue, StringComparison.Ordinal));
    }

    // Envelope: {"success":true,"data":{cluster}}; bare: the cluster itself.
    private static JsonObject? ClusterOf(JsonNode root) =>
        root is JsonObject envelope && envelope["data"] is JsonObject data ? data : root as JsonObject;

    // Envelope: data.clusters, or data as the list; bare: the list itself.
    private static JsonArray? RowsOf(JsonNode root) => root switch
    {
        JsonArray bare => bare,
        JsonObject { } envelope when envelope["data"] is JsonObject data => data["clusters"] as JsonArray,
        JsonObject { } envelope => envelope["data"] as JsonArray ?? envelope["clusters"] as JsonArray,
        _ => null,
    };
}
