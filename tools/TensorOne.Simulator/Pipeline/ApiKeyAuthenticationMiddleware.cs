using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Accepts exactly <c>Authorization: Bearer &lt;ApiKey&gt;</c>. The presented value is never written
/// anywhere but the request log a test asked for.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, SimulatorOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization;
        if (presented.Count == 1 && string.Equals(presented[0], "Bearer " + options.ApiKey, StringComparison.Ordinal))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResponses.Unauthorized(context).ExecuteAsync(context);
    }
}
