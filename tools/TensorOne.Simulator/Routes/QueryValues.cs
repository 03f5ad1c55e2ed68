using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Requests;

namespace TensorOne.Simulator.Routes;

/// <summary>
/// Reads query parameters with the simulator's own 400 answer; minimal-API binding would answer a
/// malformed number with an empty 400 that matches neither documented error shape.
/// </summary>
internal static class QueryValues
{
    public static bool TryGetInt(IQueryCollection query, string name, int fallback, int min, int max, out int value, [NotNullWhen(false)] out ValidationFailure? failure)
    {
        value = fallback;
        failure = null;
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrEmpty(raw.ToString()))
        {
            return true;
        }

        if (!int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            failure = new ValidationFailure(name, max == int.MaxValue ? $"must be an integer of at least {min}" : $"must be an integer between {min} and {max}");
            return false;
        }

        return true;
    }

    public static bool TryGetFlag(IQueryCollection query, string name, bool fallback, out bool value, [NotNullWhen(false)] out ValidationFailure? failure)
    {
        value = fallback;
        failure = null;
        var raw = query.TryGetValue(name, out var values) ? values.ToString() : "";
        switch (raw.ToLowerInvariant())
        {
            case "":
                return true;
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            default:
                failure = new ValidationFailure(name, "must be true or false");
                return false;
        }
    }

    public static string? GetText(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;
}
