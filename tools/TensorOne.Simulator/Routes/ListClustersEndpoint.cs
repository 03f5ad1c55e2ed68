using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Routes;

/// <summary><c>GET /clusters</c>: filtered on the computed status, paged, in a stable order.</summary>
internal static class ListClustersEndpoint
{
    public static IResult Handle(HttpContext context, [FromServices] SimulatorState state, [FromServices] SimulatorOptions options)
    {
        if (!ListClustersQuery.TryParse(context.Request.Query, out var query, out var failure))
        {
            return ErrorResponses.Validation(context, failure);
        }

        var paging = options.ListPaging;
        if (paging.LimitCap is { } cap && query.Limit > cap)
        {
            query = query with { Limit = cap };
        }

        if (paging.IgnorePage)
        {
            query = query with { Page = 1 };
        }

        var now = options.TimeProvider.GetUtcNow();
        var matching = query.Sort(state.Clusters.Select(c => c.CaptureLagging(now, options.ReadLag)).Where(query.Matches)).ToList();
        var page = matching.Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.Limit)).Take(query.Limit).ToList();

        if (options.Shape == ResponseShape.Bare)
        {
            IReadOnlyList<BareClusterJson> bare = [.. page.Select(ClusterJsonMapper.ToBare)];
            return Results.Json(bare, SimulatorJson.Context.IReadOnlyListBareClusterJson);
        }

        var totalPages = (matching.Count + query.Limit - 1) / query.Limit;
        if (paging.DataLevelPaging)
        {
            var flat = new DataLevelClusterListJson(
                [.. page.Select(v => ClusterJsonMapper.ToEnvelope(v, query.IncludeMetrics, query.IncludeCostBreakdown))],
                query.Page < totalPages,
                matching.Count,
                query.Page,
                query.Limit);
            return Results.Json(
                new SuccessEnvelope<DataLevelClusterListJson>(flat, new ResponseMetaJson(ApiRequestContext.Of(context).RequestId)),
                SimulatorJson.Context.SuccessEnvelopeDataLevelClusterListJson);
        }

        var list = new ClusterListJson(
            [.. page.Select(v => ClusterJsonMapper.ToEnvelope(v, query.IncludeMetrics, query.IncludeCostBreakdown))],
            new PaginationJson(query.Page, query.Limit, matching.Count, totalPages, query.Page < totalPages, query.Page > 1));
        var envelope = new SuccessEnvelope<ClusterListJson>(list, new ResponseMetaJson(ApiRequestContext.Of(context).RequestId));
        return Results.Json(envelope, SimulatorJson.Context.SuccessEnvelopeClusterListJson);
    }
}
