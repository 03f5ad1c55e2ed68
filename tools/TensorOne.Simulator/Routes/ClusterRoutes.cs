using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace TensorOne.Simulator.Routes;

internal static class ClusterRoutes
{
    public static void Map(IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix);
        group.MapGet("/clusters", ListClustersEndpoint.Handle);
        group.MapGet("/clusters/{id}", GetClusterEndpoint.Handle);
        group.MapPost("/clusters/{id}/stop", StopClusterEndpoint.Handle);
        group.MapPost("/clusters/{id}/restart", RestartClusterEndpoint.Handle);
    }
}
