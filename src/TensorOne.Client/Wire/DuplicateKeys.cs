using System.Text.Json;

namespace TensorOne.Client.Wire;

/// <summary>
/// Finds a key that appears twice in one JSON object. JsonDocument keeps both and the serializer lets
/// the last one win, so <c>{"id":"c1","id":"someone_else"}</c> would read as another cluster. Names are
/// compared after unescaping (<c>"\u0069d"</c> is <c>"id"</c>). A walk of our own rather than
/// JsonDocumentOptions.AllowDuplicateProperties (System.Text.Json 9+), so that one bad row of a page can
/// be refused alone, and so it holds whichever System.Text.Json the host loads.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>The first key found twice in one object anywhere under <paramref name="element"/>, or null.</summary>
    public static string? Find(JsonElement element) => Find(element, intoArrays: true);

    /// <summary>
    /// As <see cref="Find(JsonElement)"/> for the objects around a listing's rows (envelope, data, pagination),
    /// not descending into arrays: the rows are checked one by one, so one bad row is refused alone.
    /// </summary>
    public static string? FindAroundRows(JsonElement element) => Find(element, intoArrays: false);

    private static string? Find(JsonElement element, bool intoArrays)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            switch (current.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in current.EnumerateObject())
                    {
                        if (!names.Add(property.Name))
                        {
                            return property.Name;
                        }

                        pending.Push(property.Value);
                    }

                    break;
                case JsonValueKind.Array when intoArrays:
                    foreach (var item in current.EnumerateArray())
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return null;
    }
}
