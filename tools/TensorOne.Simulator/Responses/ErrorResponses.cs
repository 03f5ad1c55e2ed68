using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Requests;

namespace TensorOne.Simulator.Responses;

/// <summary>
/// Every error answer, in whichever of the two documented error shapes the simulator is set to. Codes
/// are the envelope's; the bare shape knows only RESOURCE_NOT_FOUND for a missing cluster.
/// </summary>
internal static class ErrorResponses
{
    public static IResult Unauthorized(HttpContext context) =>
        Create(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Missing or invalid API key; send 'Authorization: Bearer <key>'", Details());

    public static IResult ClusterNotFound(HttpContext context, string clusterId) =>
        Create(context, StatusCodes.Status404NotFound, "CLUSTER_NOT_FOUND", $"Cluster '{clusterId}' was not found", Details(("cluster_id", clusterId)));

    public static IResult RouteNotFound(HttpContext context) =>
        Create(
            context,
            StatusCodes.Status404NotFound,
            "RESOURCE_NOT_FOUND",
            $"No resource at {context.Request.Method} {context.Request.Path}",
            Details(("method", context.Request.Method), ("path", context.Request.Path.Value ?? "")));

    public static IResult Validation(HttpContext context, ValidationFailure failure) =>
        Create(context, StatusCodes.Status400BadRequest, "VALIDATION_ERROR", failure.Message, Details(("field", failure.Field), ("reason", failure.Reason)));

    public static IResult InvalidState(HttpContext context, string message, string currentStatus, string requiredStatus, string suggestion) =>
        Create(
            context,
            StatusCodes.Status409Conflict,
            "INVALID_STATE",
            message,
            Details(("current_status", currentStatus), ("required_status", requiredStatus), ("suggestion", suggestion)));

    public static IResult Internal(HttpContext context) =>
        Create(context, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "The simulator failed while handling the request", Details());

    /// <summary>A transient failure the fault stage answers instead of the endpoint (408, 429, 5xx).</summary>
    public static IResult Injected(HttpContext context, int statusCode, TimeSpan? retryAfter)
    {
        var (code, message) = statusCode switch
        {
            StatusCodes.Status408RequestTimeout => ("REQUEST_TIMEOUT", "The request took too long to arrive"),
            StatusCodes.Status429TooManyRequests => ("RATE_LIMIT_EXCEEDED", "Rate limit exceeded"),
            StatusCodes.Status500InternalServerError => ("INTERNAL_ERROR", "An internal error occurred"),
            StatusCodes.Status502BadGateway => ("BAD_GATEWAY", "The gateway received an invalid answer upstream"),
            StatusCodes.Status503ServiceUnavailable => ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable"),
            StatusCodes.Status504GatewayTimeout => ("GATEWAY_TIMEOUT", "The gateway timed out waiting upstream"),
            _ => ("HTTP_" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), "Injected failure"),
        };
        var details = retryAfter is { } wait
            ? Details(("retry_after_seconds", Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : Details();
        return Create(context, statusCode, code, message, details);
    }

    private static IResult Create(HttpContext context, int statusCode, string code, string message, IReadOnlyDictionary<string, string> details)
    {
        var options = context.RequestServices.GetRequiredService<SimulatorOptions>();
        var requestId = ApiRequestContext.Of(context).RequestId;
        if (options.Shape == ResponseShape.Envelope)
        {
            var envelope = new EnvelopeErrorJson(new EnvelopeErrorBodyJson(code, message, details), new ResponseMetaJson(requestId));
            return Results.Json(envelope, SimulatorJson.Context.EnvelopeErrorJson, statusCode: statusCode);
        }

        var bareCode = code == "CLUSTER_NOT_FOUND" ? "RESOURCE_NOT_FOUND" : code;
        var bare = new BareErrorJson(bareCode, message, statusCode, details, requestId, WireTime.From(options.TimeProvider.GetUtcNow()));
        return Results.Json(bare, SimulatorJson.Context.BareErrorJson, statusCode: statusCode);
    }

    private static Dictionary<string, string> Details(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
