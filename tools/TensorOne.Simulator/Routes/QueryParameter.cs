using System.Globalization;

namespace TensorOne.Simulator.Routes;

/// <summary>One query parameter the documentation shows, and the values it shows for it.</summary>
internal sealed class QueryParameter
{
    private readonly Func<string, string?> _refusal;

    private QueryParameter(string name, Func<string, string?> refusal)
    {
        Name = name;
        _refusal = refusal;
    }

    public string Name { get; }

    /// <summary>Why <paramref name="value"/> is not a value the documentation shows; null when it is.</summary>
    public string? Refuse(string value) => _refusal(value);

    /// <summary>Decimal digits only: no sign, no spaces, no exponent.</summary>
    public static QueryParameter Integer(string name, int min, int max)
    {
        var reason = max == int.MaxValue ? $"must be an integer of at least {min}" : $"must be an integer between {min} and {max}";
        return new(name, value =>
            value.All(char.IsAsciiDigit) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? null
                : reason);
    }

    /// <summary>
    /// Exactly one of <paramref name="values"/>, as written there. A comma-joined list is not one of
    /// them: the documentation shows one value per parameter.
    /// </summary>
    public static QueryParameter OneOf(string name, IReadOnlyList<string> values) =>
        new(name, value => values.Contains(value, StringComparer.Ordinal) ? null : $"must be one of {string.Join(", ", values)} (one value)");

    /// <summary>
    /// <c>true</c> or <c>false</c>. The documentation's one example passes a Python <c>True</c>, which
    /// goes on the wire capitalised, so case is not held against the caller.
    /// </summary>
    public static QueryParameter Flag(string name) =>
        new(name, value => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) ? null : "must be true or false");

    /// <summary>Free text, not blank.</summary>
    public static QueryParameter Text(string name) =>
        new(name, value => string.IsNullOrWhiteSpace(value) ? "must not be empty" : null);
}
