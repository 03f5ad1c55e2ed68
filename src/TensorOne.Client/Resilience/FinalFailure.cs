using System.Security.Authentication;
using System.Text.Json;
using TensorOne.Client.Http;

namespace TensorOne.Client.Resilience;

/// <summary>
/// Failures that the same request would meet again: a refused server certificate, a body over the size
/// cap, a 200 that is not JSON at all, JSON nested deeper than the client reads. Retrying them only
/// delays the news, so they are sent once and failed once. A body cut short (a dropped transfer) is not
/// among them: a read may meet a whole body next time.
/// </summary>
internal sealed class FinalFailure : Exception
{
    private FinalFailure(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>True when retrying cannot change the outcome.</summary>
    public static bool Is(Exception exception) =>
        exception is TensorOneRequestFailedException { InnerException: FinalFailure } || IsCertificateRefused(exception);

    public static bool IsCertificateRefused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a network failure happened, in the user's words when it is a refused certificate.</summary>
    public static string? Describe(Exception exception) =>
        IsCertificateRefused(exception)
            ? "the server's TLS certificate was refused (not trusted, expired or issued for another name); retrying cannot change that, so the request was sent once"
            : null;

    /// <summary>Why a body could not be parsed, and the marker that keeps it from being retried when it never could be.</summary>
    public static (string Why, Exception? Inner) Classify(ApiResponse response, JsonException parseError, int maxDepth)
    {
        if (IsDeeperThan(response.Body, maxDepth))
        {
            var why = $"the JSON is nested deeper than the {maxDepth} levels the client reads";
            return (why, new FinalFailure(why, parseError));
        }

        if (response.LooksLikeHtml)
        {
            const string html = "an HTML page, likely from a proxy or gateway";
            return (html, new FinalFailure(html, parseError));
        }

        if (!StartsLikeJson(response.Body))
        {
            const string notJson = "the body is not JSON";
            return (notJson, new FinalFailure(notJson, parseError));
        }

        return ("the body is not valid JSON", parseError);
    }

    public static Exception OverCap(ApiResponse response) =>
        new FinalFailure($"the body is over the client's size cap of {response.RefusedOver / 1024} KiB", null);

    private static bool StartsLikeJson(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }

    // Counts open brackets outside strings; a parse error at the depth limit is the only way past it.
    private static bool IsDeeperThan(byte[] body, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[' && ++depth > maxDepth)
            {
                return true;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return false;
    }
}
