using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TensorOne.Simulator.Requests;

/// <summary>Why a request was refused with 400 VALIDATION_ERROR; <see cref="Field"/> names the culprit.</summary>
internal sealed record ValidationFailure(string Field, string Reason)
{
    public string Message => $"Invalid value for '{Field}': {Reason}";
}

/// <summary>
/// Turns a request body into its typed request. An empty body means "all defaults"; anything else must
/// be a JSON object whose fields have the documented types, or the failure names the offending field.
/// </summary>
internal static class RequestBodyReader
{
    public static bool TryRead<T>(string body, JsonTypeInfo<T> typeInfo, Func<T> defaults, out T request, [NotNullWhen(false)] out ValidationFailure? failure)
    {
        request = defaults();
        failure = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            failure = new ValidationFailure("body", "must be a JSON object");
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                failure = new ValidationFailure("body", "must be a JSON object");
                return false;
            }

            try
            {
                request = document.RootElement.Deserialize(typeInfo) ?? request;
                return true;
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                failure = new ValidationFailure(field, "must be " + ExpectedType(typeInfo, field));
                return false;
            }
        }
    }

    // "$.notify_users[1]" -> "notify_users": the top-level field is what a caller can act on.
    private static string FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return "body";
        }

        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }

    private static string ExpectedType(JsonTypeInfo typeInfo, string field)
    {
        var property = typeInfo.Properties.FirstOrDefault(p => p.Name == field);
        if (property is null)
        {
            return "valid JSON";
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(bool) => "a boolean",
            _ when type == typeof(int) => "an integer",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(List<string>) => "an array of strings",
            _ when type.IsAssignableTo(typeof(System.Collections.IDictionary)) => "an object",
            _ when type.IsAssignableTo(typeof(System.Collections.IList)) => "an array",
            _ => "valid JSON",
        };
    }
}
