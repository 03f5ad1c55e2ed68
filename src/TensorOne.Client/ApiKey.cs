namespace TensorOne.Client;

/// <summary>
/// The API key. It is only ever revealed to build the Authorization header; every other path
/// (ToString, debugger display, string interpolation in logs and exception text) sees a mask.
/// </summary>
[System.Diagnostics.DebuggerDisplay("***")]
public sealed class ApiKey : IEquatable<ApiKey>
{
    private readonly string _value;

    public ApiKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The API key is empty.", nameof(value));
        }

        _value = value.Trim();
        if (_value.Any(char.IsControl) || _value.Any(char.IsWhiteSpace))
        {
            // Said without echoing the value: it is a secret even when malformed.
            throw new ArgumentException("The API key contains whitespace or control characters.", nameof(value));
        }

        if (PrintableAscii.FirstOutside(_value) is { } position)
        {
            // An HTTP header carries only ASCII: such a key could never be sent, and HttpClient would
            // refuse it on every attempt as if the network had failed. The position, never the character.
            throw new ArgumentException(
                $"The API key contains a character that is not printable ASCII (character {position} of {_value.Length}), such as a zero-width space or a typographic quote pasted with it; TensorOne keys are plain ASCII. Copy the key again.",
                nameof(value));
        }
    }

    /// <summary>
    /// The shortest a real key can be: the documented prefix (<c>tpo_live_</c> or <c>tpo_test_</c>, 9
    /// characters) and at least one character of secret. A shorter value is a mistake, and one that
    /// the response mask could not handle: a one-letter key would mask that letter in every word.
    /// </summary>
    public const int MinimumLength = 10;

    /// <summary>Why this cannot be a TensorOne key, or null. Says nothing of the value itself.</summary>
    public string? Problem => _value.Length < MinimumLength
        ? $"The API key is shorter than any TensorOne key ({MinimumLength} characters at least, like tpo_live_... or tpo_test_...); check that the whole key was given."
        : null;

    /// <summary>"live", "test" or "unknown": enough to tell keys apart without disclosing them.</summary>
    public string Kind =>
        _value.StartsWith("tpo_live_", StringComparison.Ordinal) ? "live"
        : _value.StartsWith("tpo_test_", StringComparison.Ordinal) ? "test"
        : "unknown";

    /// <summary>
    /// The key's last four characters, to tell keys apart (as cloud consoles do); null when the part
    /// after the tpo_live_/tpo_test_ prefix is shorter than twelve, so four would be too much of it.
    /// </summary>
    public string? LastFour
    {
        get
        {
            var secretLength = Kind == "unknown" ? _value.Length : _value.Length - "tpo_live_".Length;
            return secretLength >= 12 ? _value.Substring(_value.Length - 4) : null;
        }
    }

    internal string Reveal() => _value;

    public override string ToString() => "***";

    public bool Equals(ApiKey? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ApiKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
