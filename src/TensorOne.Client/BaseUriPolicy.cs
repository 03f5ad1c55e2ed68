using System.Net;

namespace TensorOne.Client;

/// <summary>The rules a base URI must meet before a key is ever sent to it.</summary>
public static class BaseUriPolicy
{
    public static readonly Uri DefaultBaseUri = new("https://api.tensorone.ai/v2");

    /// <summary>Returns null when the URI is acceptable, else why it is not.</summary>
    public static string? Explain(Uri? uri)
    {
        if (uri is null)
        {
            return "The base URI is empty.";
        }

        if (!uri.IsAbsoluteUri)
        {
            return $"The base URI '{uri.OriginalString}' is not absolute; use e.g. {DefaultBaseUri}.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The base URI must not carry user information; the key is given separately.";
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"The base URI '{uri.GetLeftPart(UriPartial.Path)}' must not have a query or fragment.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return IsLoopback(uri)
                ? null
                : $"The base URI '{uri.GetLeftPart(UriPartial.Path)}' uses http:// to a remote host; the API key would travel unencrypted. Use https:// (http:// is accepted for loopback hosts only).";
        }

        return $"The base URI scheme '{uri.Scheme}' is not supported; use https://.";
    }

    public static Uri Validate(Uri? uri)
    {
        var problem = Explain(uri);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(uri));
        }

        return uri!;
    }

    /// <summary>Parses and validates text such as an environment variable's value.</summary>
    public static Uri Parse(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{text}' is not an absolute URI; use e.g. {DefaultBaseUri}.", nameof(text));
        }

        return Validate(uri);
    }

    private static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        // Uri.IsLoopback misses names that resolve locally only by convention; accept the literal forms alone.
        var host = uri.IdnHost.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
