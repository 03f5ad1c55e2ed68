using System.Text;

namespace TensorOne.Client.Internal;

/// <summary>
/// Masks the API key in what a server sends back. A proxy's debug page or a careless error message
/// can reflect the Authorization header; masking the body and the request id as they arrive means no
/// message, exception or log line built from them can ever carry the key.
/// </summary>
internal sealed class SecretMask
{
    private const string Mask = "***";
    private static readonly byte[] MaskBytes = Encoding.UTF8.GetBytes(Mask);

    private readonly string _secret;
    private readonly byte[] _secretBytes;

    public SecretMask(string secret)
    {
        _secret = secret;
        _secretBytes = Encoding.UTF8.GetBytes(secret);
    }

    public byte[] Apply(byte[] body)
    {
        var found = body.AsSpan().IndexOf(_secretBytes);
        if (found < 0)
        {
            return body;
        }

        using var masked = new MemoryStream(body.Length);
        var start = 0;
        while (found >= 0)
        {
            masked.Write(body, start, found);
            masked.Write(MaskBytes, 0, MaskBytes.Length);
            start += found + _secretBytes.Length;
            found = body.AsSpan(start).IndexOf(_secretBytes);
        }

        masked.Write(body, start, body.Length - start);
        return masked.ToArray();
    }

    public string? Apply(string? text) =>
        text is null || text.IndexOf(_secret, StringComparison.Ordinal) < 0 ? text : text.Replace(_secret, Mask);
}
