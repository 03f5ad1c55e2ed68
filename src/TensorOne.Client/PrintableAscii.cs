namespace TensorOne.Client;

/// <summary>The characters a bearer token may hold in an HTTP header: '!' to '~'.</summary>
internal static class PrintableAscii
{
    /// <summary>The 1-based position of the first character outside printable ASCII, or null when there is none.</summary>
    public static int? FirstOutside(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < '!' or > '~')
            {
                return i + 1;
            }
        }

        return null;
    }
}
