using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TensorOne.Simulator.Operations;
using TensorOne.Simulator.Pipeline;
using TensorOne.Simulator.Requests;
using TensorOne.Simulator.Responses;

namespace TensorOne.Simulator.Routes;

/// <summary>
/// <c>POST /clusters/{id}/restart</c>, allowed from running, stopped and error. Checks run in the order
/// 404, 400, 409. Like stop, it answers at once even when <c>wait_for_ready</c> is true.
/// </summary>
internal static class RestartClusterEndpoint
{
    private const string RestartableStatuses = "running, stopped or error";

    public static IResult Handle(string id, HttpContext context, [FromServices] SimulatorState state, [FromServices] SimulatorOptions options) =>
        OperationEndpoint.Accept(id, context, state, options, SimulatorJson.Context.RestartClusterRequest, () => new RestartClusterRequest(), accepted => Begin(accepted, context, options));

    private static IResult Begin(AcceptedOperation<RestartClusterRequest> accepted, HttpContext context, SimulatorOptions options)
    {
        var (cluster, request, requestContext, now) = accepted;
        var command = new RestartCommand(
            request.IsImmediate,
            request.PreserveState ?? false,
            request.AppliesUpdates,
            request.UpdateDockerImage,
            PhaseDuration.FromSeconds(options.RestartPhaseSeconds),
            requestContext.Body);
        var attempt = cluster.TryBeginRestart(command, now);
        if (attempt.Started is not { } operation)
        {
            var status = attempt.Before.Status;
            return ErrorResponses.InvalidState(context, $"Cluster cannot be restarted while it is {status}", status, RestartableStatuses, Suggestion(status));
        }

        var dockerImage = request.UpdateDockerImage ?? attempt.Before.DockerImage;
        if (OperationEndpoint.BareAnswer(options, attempt, operation) is { } bare)
        {
            return bare;
        }

        var data = new RestartResultJson
        {
            Id = cluster.Id,
            Name = cluster.Name,
            Status = operation.InFlightStatus,
            RestartInitiatedAt = WireTime.From(now),
            EstimatedReadyTime = WireTime.From(operation.CompletesAt),
            RestartType = request.IsImmediate ? "immediate" : "graceful",
            GracePeriodMinutes = request.EffectiveGracePeriodMinutes,
            RestartProgress = OperationProgressJson.From(operation.InitialProgress),
            RestoredFromSnapshot = request.RestoreFromSnapshot,
            DockerImage = dockerImage,
        };
        var meta = new ResponseMetaJson(requestContext.RequestId) { WaitForReady = request.WaitForReady ?? false };
        return Results.Json(new SuccessEnvelope<RestartResultJson>(data, meta), SimulatorJson.Context.SuccessEnvelopeRestartResultJson);
    }

    private static string Suggestion(string status) => status switch
    {
        ClusterStatus.Stopping => "Wait until the cluster has stopped, then restart it",
        ClusterStatus.Restarting => "Cluster is already restarting",
        ClusterStatus.Starting => "Cluster is already starting",
        ClusterStatus.Pending => "Wait until the cluster has finished provisioning",
        _ => "Only a running, stopped or failed cluster can be restarted",
    };
}
