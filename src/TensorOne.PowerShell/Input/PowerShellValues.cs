using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace TensorOne.PowerShell.Input;

/// <summary>Turns hashtables as scripts write them (values wrapped in PSObject, nested tables, arrays) into plain data for the client.</summary>
internal static class PowerShellValues
{
    public static IDictionary<string, object?>? ToDictionary(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            result[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? ""] = ToPlain(entry.Value);
        }

        return result;
    }

    public static IDictionary<string, string?>? ToStringDictionary(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var value = Unwrap(entry.Value);
            result[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? ""] =
                value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static object? ToPlain(object? value)
    {
        value = Unwrap(value);
        return value switch
        {
            null => null,
            string => value,
            IDictionary nested => ToDictionary(nested),
            IEnumerable sequence => sequence.Cast<object?>().Select(ToPlain).ToList(),
            _ => value,
        };
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
