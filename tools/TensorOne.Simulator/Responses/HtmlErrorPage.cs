using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace TensorOne.Simulator.Responses;

/// <summary>
/// The page a misbehaving gateway serves instead of the API: HTML, a status, and (like a debugging
/// proxy) the request's headers, Authorization included. It exists so tests can prove the client
/// neither chokes on such a page nor repeats anything it reflects.
/// </summary>
internal static class HtmlErrorPage
{
    public static async Task WriteAsync(HttpContext context, int status)
    {
        var reason = ReasonPhrases.GetReasonPhrase(status);
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><title>").Append(status).Append(' ').Append(reason).Append("</title></head>\n<body>\n")
            .Append("<h1>").Append(status).Append(' ').Append(reason).Append("</h1>\n")
            .Append("<p>The upstream server did not answer. Please try again later.</p>\n<pre>\n");
        foreach (var header in context.Request.Headers)
        {
            page.Append(WebUtility.HtmlEncode(header.Key)).Append(": ").Append(WebUtility.HtmlEncode(header.Value.ToString())).Append('\n');
        }

        page.Append("</pre>\n<hr><center>gateway/1.0</center>\n</body></html>\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(page.ToString(), context.RequestAborted);
    }
}
