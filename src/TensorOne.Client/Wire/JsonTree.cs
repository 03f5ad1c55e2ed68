using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TensorOne.Client.Wire;

/// <summary>
/// Builds JSON from the loosely typed values callers give for update_configuration and
/// port_mapping_updates (in PowerShell: hashtables of strings, numbers and nested hashtables).
/// Only plain data is accepted so nothing unexpected is serialized by reflection.
/// </summary>
internal static class JsonTree
{
    private const int MaxDepth = 16;

    public static JsonObject FromDictionary(IDictionary<string, object?> values, string parameter) =>
        (JsonObject)FromValue(values, parameter, 0)!;

    public static JsonArray FromList(IEnumerable<IDictionary<string, object?>> items, string parameter)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(FromValue(item, parameter, 0));
        }

        return array;
    }

    private static JsonNode? FromValue(object? value, string parameter, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"{parameter} is nested more than {MaxDepth} levels deep.", parameter);
        }

        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int or long or short or byte or sbyte or ushort or uint:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return JsonValue.Create(u);
            case float or double:
                return JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case decimal m:
                return JsonValue.Create(m);
            case char c:
                return JsonValue.Create(c.ToString());
            case DateTimeOffset dto:
                return JsonValue.Create(dto.ToString("o", CultureInfo.InvariantCulture));
            case DateTime dt:
                return JsonValue.Create(dt.ToString("o", CultureInfo.InvariantCulture));
            case Guid g:
                return JsonValue.Create(g.ToString());
            case Enum e:
                return JsonValue.Create(e.ToString());
            case IDictionary<string, object?> typed:
                return FromPairs(typed.Select(p => new KeyValuePair<object, object?>(p.Key, p.Value)), parameter, depth);
            case IDictionary dictionary:
                return FromPairs(dictionary.Cast<DictionaryEntry>().Select(e => new KeyValuePair<object, object?>(e.Key, e.Value)), parameter, depth);
            case IEnumerable sequence:
                var array = new JsonArray();
                foreach (var item in sequence)
                {
                    array.Add(FromValue(item, parameter, depth + 1));
                }

                return array;
            default:
                throw new ArgumentException(
                    $"{parameter} holds a value of type {value.GetType().Name}; use strings, numbers, booleans, hashtables and arrays.", parameter);
        }
    }

    private static JsonObject FromPairs(IEnumerable<KeyValuePair<object, object?>> pairs, string parameter, int depth)
    {
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var key = Convert.ToString(pair.Key, CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException($"{parameter} has an empty key.", parameter);
            }

            if (result.ContainsKey(key!))
            {
                throw new ArgumentException($"{parameter} has the key '{key}' twice.", parameter);
            }

            result[key!] = FromValue(pair.Value, parameter, depth + 1);
        }

        return result;
    }
}
