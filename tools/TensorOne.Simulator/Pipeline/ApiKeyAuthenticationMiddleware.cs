using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Accepts exactly <c>Authorization: Bearer &lt;ApiKey&gt;</c>. The presented value is never written
/// anywhere but the request log a test asked for. With <see cref="SimulatorOptions.RevokeKeyAfterWrites"/>
/// the key stops being accepted once that many writes were let through.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, SimulatorOptions options)
{
    private int _writesLetThrough;

    public Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization;
        if (presented.Count == 1 && string.Equals(presented[0], "Bearer " + options.ApiKey, StringComparison.Ordinal) && !Revoked(context))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResponses.Unauthorized(context).ExecuteAsync(context);
    }

    private bool Revoked(HttpContext context)
    {
        if (options.RevokeKeyAfterWrites is not { } limit)
        {
            return false;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return Volatile.Read(ref _writesLetThrough) >= limit;
        }

        // Counted past the limit too, so the count never comes back under it.
        return Interlocked.Increment(ref _writesLetThrough) > limit;
    }
}
