using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TensorOne.Simulator.Operations;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Requests;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Routes;

/// <summary>
/// <c>POST /clusters/{id}/stop</c>. Checks run in the order 404, 400, 409. The answer always describes
/// the operation as just initiated; <c>wait_for_completion</c> is echoed in meta but not waited on, so a
/// caller that wants completion must poll, as it would against a proxy that cut the wait short.
/// </summary>
internal static class StopClusterEndpoint
{
    public static IResult Handle(string id, HttpContext context, [FromServices] SimulatorState state, [FromServices] SimulatorOptions options) =>
        OperationEndpoint.Accept(id, context, state, options, SimulatorJson.Context.StopClusterRequest, () => new StopClusterRequest(), accepted => Begin(accepted, context, options));

    private static IResult Begin(AcceptedOperation<StopClusterRequest> accepted, HttpContext context, SimulatorOptions options)
    {
        var (cluster, request, requestContext, now) = accepted;
        var snapshotId = request.CreatesSnapshot ? SimulatedCluster.NewSnapshotId() : null;
        var command = new StopCommand(request.IsImmediate, snapshotId, PhaseDuration.FromSeconds(options.StopPhaseSeconds), requestContext.Body);
        var attempt = cluster.TryBeginStop(command, now);
        if (attempt.Started is not { } operation)
        {
            var status = attempt.Before.Status;
            return ErrorResponses.InvalidState(context, "Cluster is not in a running state", status, ClusterStatus.Running, Suggestion(status));
        }

        if (OperationEndpoint.BareAnswer(options, attempt, operation) is { } bare)
        {
            return bare;
        }

        var data = new StopResultJson
        {
            Id = cluster.Id,
            Name = cluster.Name,
            Status = operation.InFlightStatus,
            StopInitiatedAt = WireTime.From(now),
            EstimatedStopTime = WireTime.From(operation.CompletesAt),
            StopType = request.IsImmediate ? "immediate" : "graceful",
            GracePeriodMinutes = request.EffectiveGracePeriodMinutes,
            StopProgress = OperationProgressJson.From(operation.InitialProgress),
            SnapshotCreation = new SnapshotCreationJson(snapshotId is not null, snapshotId, snapshotId is null ? null : request.SnapshotName ?? DefaultSnapshotName(cluster, now)),
            CostImpact = new CostImpactJson(attempt.Before.HourlyRate, ClusterJsonMapper.SessionCost(attempt.Before), WireTime.From(now)),
            DataPreservation = new DataPreservationJson(request.PreservesData ? ["root", "data"] : ["root"], snapshotId is null ? 0 : 1),
        };
        var meta = new ResponseMetaJson(requestContext.RequestId) { WaitForCompletion = request.WaitForCompletion ?? false };
        return Results.Json(new SuccessEnvelope<StopResultJson>(data, meta), SimulatorJson.Context.SuccessEnvelopeStopResultJson);
    }

    private static string DefaultSnapshotName(SimulatedCluster cluster, DateTimeOffset now) =>
        cluster.Name + "-stop-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    private static string Suggestion(string status) => status switch
    {
        ClusterStatus.Stopped => "Cluster is already stopped",
        ClusterStatus.Stopping => "Cluster is already stopping",
        ClusterStatus.Starting or ClusterStatus.Restarting => "Wait until the cluster is running, then stop it",
        ClusterStatus.Pending => "Wait until the cluster has finished provisioning",
        ClusterStatus.Error => "Restart the cluster to recover it from the error state",
        _ => "Only a running cluster can be stopped",
    };
}
