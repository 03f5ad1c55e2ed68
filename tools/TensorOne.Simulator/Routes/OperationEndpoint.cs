using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Operations;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Requests;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Routes;

/// <summary>A stop or restart body that passed the 404 and 400 checks, with the cluster it names.</summary>
internal sealed record AcceptedOperation<TRequest>(SimulatedCluster Cluster, TRequest Request, ApiRequestContext RequestContext, DateTimeOffset Now);

/// <summary>
/// What <c>POST /clusters/{id}/stop</c> and <c>/restart</c> share: the checks in the order 404, 400
/// (query, then body), and the bare answer. The 409 and the enveloped answer are each operation's own.
/// </summary>
internal static class OperationEndpoint
{
    public static IResult Accept<TRequest>(
        string id,
        HttpContext context,
        SimulatorState state,
        SimulatorOptions options,
        JsonTypeInfo<TRequest> bodyType,
        Func<TRequest> emptyBody,
        Func<AcceptedOperation<TRequest>, IResult> begin)
        where TRequest : OperationRequest
    {
        if (state.Find(id) is not { } cluster)
        {
            return ErrorResponses.ClusterNotFound(context, id);
        }

        var requestContext = ApiRequestContext.Of(context);
        ValidationFailure? failure;
        if ((failure = DocumentedQuery.None.Check(context.Request.Query)) is not null
            || !RequestBodyReader.TryRead(requestContext.Body, bodyType, emptyBody, out var request, out failure)
            || (failure = request.Validate()) is not null)
        {
            return ErrorResponses.Validation(context, failure);
        }

        return begin(new AcceptedOperation<TRequest>(cluster, request, requestContext, options.TimeProvider.GetUtcNow()));
    }

    /// <summary>The cluster in its in-flight status, as a bare-shape server answers; null when the server wraps answers.</summary>
    public static IResult? BareAnswer(SimulatorOptions options, OperationAttempt attempt, ClusterOperation operation) =>
        options.Shape == ResponseShape.Bare
            ? Results.Json(ClusterJsonMapper.ToBare(attempt.Before with { Status = operation.InFlightStatus }), SimulatorJson.Context.BareClusterJson)
            : null;
}
