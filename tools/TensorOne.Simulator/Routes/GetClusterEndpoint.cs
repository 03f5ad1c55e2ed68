using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Requests;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Routes;

/// <summary><c>GET /clusters/{id}</c>; metrics and cost breakdown are on unless turned off.</summary>
internal static class GetClusterEndpoint
{
    public static IResult Handle(string id, HttpContext context, [FromServices] SimulatorState state, [FromServices] SimulatorOptions options)
    {
        if (state.Find(id) is not { } cluster)
        {
            return ErrorResponses.ClusterNotFound(context, id);
        }

        var query = context.Request.Query;
        ValidationFailure? failure;
        if ((failure = DocumentedQuery.GetCluster.Check(query)) is not null
            || !QueryValues.TryGetFlag(query, "include_metrics", true, out var includeMetrics, out failure)
            || !QueryValues.TryGetFlag(query, "include_cost_breakdown", true, out var includeCostBreakdown, out failure))
        {
            return ErrorResponses.Validation(context, failure);
        }

        var view = cluster.CaptureLagging(options.TimeProvider.GetUtcNow(), options.ReadLag);
        if (options.Shape == ResponseShape.Bare)
        {
            return Results.Json(ClusterJsonMapper.ToBare(view), SimulatorJson.Context.BareClusterJson);
        }

        var envelope = new SuccessEnvelope<ClusterJson>(
            ClusterJsonMapper.ToEnvelope(view, includeMetrics, includeCostBreakdown),
            new ResponseMetaJson(ApiRequestContext.Of(context).RequestId));
        return Results.Json(envelope, SimulatorJson.Context.SuccessEnvelopeClusterJson);
    }
}
