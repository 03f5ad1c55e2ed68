using TensorOne.Client.Requests;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// The fields every operation's request takes from <see cref="ClusterOperationCmdlet"/>'s parameters.
/// A parameter not bound stays null, so the API's default applies. Internal, and apart from the
/// cmdlet: a public type that names a client type in its signatures would load the client before
/// the module initializer can resolve it.
/// </summary>
internal static class SharedRequestFields
{
    public static T Fill<T>(ClusterOperationCmdlet cmdlet, T request, string clusterId)
        where T : ClusterOperationRequest
    {
        request.Force = cmdlet.IsBound(nameof(cmdlet.Immediate)) ? cmdlet.Immediate.IsPresent : null;
        request.GracePeriodMinutes = cmdlet.IsBound(nameof(cmdlet.GracePeriodMinutes)) ? cmdlet.GracePeriodMinutes : null;
        request.TimeoutMinutes = cmdlet.IsBound(nameof(cmdlet.TimeoutMinutes)) ? cmdlet.TimeoutMinutes : null;
        request.OperationTimeout = cmdlet.RequestTimeout;
        request.RequestSent = cmdlet.RequestSentFor(clusterId);
        return request;
    }
}
