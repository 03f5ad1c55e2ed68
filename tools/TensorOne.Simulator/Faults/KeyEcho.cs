using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TensorOne.Simulator.Faults;

/// <summary>
/// Echoes of the presented key in the JSON-escaped forms real servers write. Written by hand, not by a
/// serializer: the point is the exact escape sequences on the wire.
/// </summary>
internal static class KeyEcho
{
    /// <summary>PHP's json_encode: every <c>/</c> as <c>\/</c>, and <c>+</c> as .NET's encoder writes it.</summary>
    public static string Escaped(string key) => key.Replace("/", "\\/", StringComparison.Ordinal).Replace("+", "\\u002B", StringComparison.Ordinal);

    /// <summary>Every character as <c>\uXXXX</c>.</summary>
    public static string FullyEscaped(string key)
    {
        var text = new StringBuilder(key.Length * 6);
        foreach (var c in key)
        {
            text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static byte[] IntoError(string key) =>
        Encoding.UTF8.GetBytes(
            "{\"success\":false,\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":\"Rejected token " + Escaped(key) + "\","
            + "\"details\":{\"token\":\"" + FullyEscaped(key) + "\",\"header\":\"Bearer " + Escaped(key) + "\"}},"
            + "\"meta\":{\"request_id\":\"req_" + Escaped(key) + "\"}}");

    /// <summary>The answer with its cluster name and request id replaced by escaped echoes (either shape).</summary>
    public static byte[] IntoSuccess(byte[] answer, string key)
    {
        var root = JsonNode.Parse(answer)?.AsObject() ?? throw new InvalidOperationException("The endpoint's answer is not a JSON object.");
        var cluster = root["data"] as JsonObject ?? root;
        cluster["name"] = "@NAME@";
        if (root["meta"] is JsonObject meta)
        {
            meta["request_id"] = "@ID@";
        }
        else
        {
            cluster["request_id"] = "@ID@";
        }

        var text = root.ToJsonString()
            .Replace("@NAME@", "owner " + Escaped(key), StringComparison.Ordinal)
            .Replace("@ID@", FullyEscaped(key), StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }
}
