using System.Globalization;
using System.Text;
using System.Text.Json;
using TensorOne.Client.Models;
using TensorOne.Client.Secrets;

namespace TensorOne.Client.Wire;

/// <summary>
/// Reads a listing's rows one at a time. A row that cannot be read (a date that is not one, a number
/// that is text, a numeric id, a key twice) is set aside with its id, and the others are listed: one odd
/// row in someone else's cluster must not cost a user the whole page.
/// </summary>
internal static class ClusterRows
{
    private const int MaxIdLength = 128;

    public static (List<ClusterWire> Clusters, List<UnreadableCluster> Unreadable) Read(JsonElement items, Func<JsonElement, ClusterWire> deserialize, SecretMask mask)
    {
        var clusters = new List<ClusterWire>(items.GetArrayLength());
        var unreadable = new List<UnreadableCluster>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                unreadable.Add(new UnreadableCluster(Describe(item, mask), "the row is not a JSON object"));
                continue;
            }

            if (DuplicateKeys.Find(item) is { } twice)
            {
                unreadable.Add(new UnreadableCluster(IdOf(item, mask), $"the key '{Printable(mask.Apply(twice)!)}' appears twice in it"));
                continue;
            }

            ClusterWire wire;
            try
            {
                wire = deserialize(item);
            }
            catch (TensorOneRequestFailedException)
            {
                unreadable.Add(new UnreadableCluster(IdOf(item, mask), WhatIsWrong(item, mask)));
                continue;
            }

            if (string.IsNullOrEmpty(wire.Id))
            {
                unreadable.Add(new UnreadableCluster(IdOf(item, mask), "it has no id"));
                continue;
            }

            clusters.Add(wire);
        }

        return (clusters, unreadable);
    }

    /// <summary>Control characters shown as code points, so a message cannot garble a console or a log.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxIdLength));
        foreach (var c in text.Length > MaxIdLength ? text.Substring(0, MaxIdLength) + "..." : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u202E' or '\uFEFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string IdOf(JsonElement row, SecretMask mask)
    {
        if (!row.TryGetProperty("id", out var id))
        {
            return "(a row without an id)";
        }

        return id.ValueKind == JsonValueKind.String ? Printable(mask.Apply(id.GetString()) ?? "") : Describe(id, mask);
    }

    private static string Describe(JsonElement value, SecretMask mask) => Printable(mask.Apply(value.GetRawText())!);

    /// <summary>The first field of the row the cluster shape cannot take, named without its value.</summary>
    private static string WhatIsWrong(JsonElement row, SecretMask mask)
    {
        foreach (var property in row.EnumerateObject())
        {
            if (!ClusterFieldReads(property))
            {
                return $"its '{Printable(mask.Apply(property.Name)!)}' is not a value of the documented type";
            }
        }

        return "a field has a value of the wrong type";
    }

    private static bool ClusterFieldReads(JsonProperty property)
    {
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                property.WriteTo(writer);
                writer.WriteEndObject();
            }

            JsonSerializer.Deserialize(buffer.ToArray(), TensorOneJsonContext.Default.ClusterWire);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }
}
