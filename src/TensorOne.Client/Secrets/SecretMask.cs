using System.Text;

namespace TensorOne.Client.Secrets;

/// <summary>
/// Masks the API key in what a server sends back. A proxy's debug page or a careless error message
/// can reflect the Authorization header, and servers write it in more than one spelling: literally,
/// JSON-escaped (<c>\/</c> as PHP writes a slash, <c>\u002B</c> as .NET writes a plus, any character
/// as <c>\uXXXX</c>) or URL-encoded (<c>%2F</c>). The raw bytes are masked in every spelling as they
/// arrive (for the debug trace and so no decoded text can spell the key), and every string taken out
/// of a response is masked again after decoding.
/// </summary>
internal sealed class SecretMask
{
    private const string Mask = "***";
    private static readonly byte[] MaskBytes = Encoding.UTF8.GetBytes(Mask);

    private readonly byte[] _secret;

    public SecretMask(string secret)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Masks nothing: for responses built without a client (tests, fuzzing).</summary>
    public static SecretMask None { get; } = new(string.Empty);

    public byte[] Apply(byte[] body)
    {
        if (_secret.Length == 0 || !TryFind(body, 0, out var start, out var length))
        {
            return body;
        }

        using var masked = new MemoryStream(body.Length);
        var from = 0;
        do
        {
            masked.Write(body, from, start - from);
            masked.Write(MaskBytes, 0, MaskBytes.Length);
            from = start + length;
        }
        while (TryFind(body, from, out start, out length));

        masked.Write(body, from, body.Length - from);
        return masked.ToArray();
    }

    public string? Apply(string? text)
    {
        if (text is null || _secret.Length == 0)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var masked = Apply(bytes);
        return ReferenceEquals(masked, bytes) ? text : Encoding.UTF8.GetString(masked);
    }

    private bool TryFind(byte[] text, int from, out int start, out int length)
    {
        for (var i = from; i < text.Length; i++)
        {
            var b = text[i];
            if (b != _secret[0] && b != (byte)'\\' && b != (byte)'%')
            {
                continue;
            }

            var end = MatchAt(text, i);
            if (end > i)
            {
                start = i;
                length = end - i;
                return true;
            }
        }

        start = length = 0;
        return false;
    }

    // The end of the secret spelled at 'at' (one character at a time, each in any spelling), or -1.
    private int MatchAt(byte[] text, int at)
    {
        var i = at;
        foreach (var expected in _secret)
        {
            if (i >= text.Length)
            {
                return -1;
            }

            if (text[i] == expected)
            {
                i++;
            }
            else if (Escaped(text, i, expected) is var used and > 0)
            {
                i += used;
            }
            else
            {
                return -1;
            }
        }

        return i;
    }

    // How many bytes at i spell 'expected' as an escape (\uXXXX, \/, \\, \", %XX), or 0.
    private static int Escaped(byte[] text, int i, byte expected)
    {
        var left = text.Length - i;
        if (text[i] == (byte)'%' && left >= 3 && Hex(text, i + 1, 2) == expected)
        {
            return 3;
        }

        if (text[i] != (byte)'\\' || left < 2 || expected >= 0x80)
        {
            return 0;
        }

        var next = text[i + 1];
        if (next == expected && expected is (byte)'/' or (byte)'\\' or (byte)'"')
        {
            return 2;
        }

        return next == (byte)'u' && left >= 6 && Hex(text, i + 2, 4) == expected ? 6 : 0;
    }

    private static int Hex(byte[] text, int at, int digits)
    {
        var value = 0;
        for (var i = at; i < at + digits; i++)
        {
            var c = text[i];
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }
}
