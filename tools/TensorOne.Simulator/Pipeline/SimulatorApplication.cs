using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TensorOne.Simulator.Responses;
using TensorOne.Simulator.Routes;

namespace TensorOne.Simulator.Pipeline;

/// <summary>Builds the web application: services, the middleware stages in order, and the routes.</summary>
internal static class SimulatorApplication
{
    public static WebApplication Build(SimulatorOptions options, SimulatorState state, ConnectionLog connections, string pathBase)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Silent by design: tests start many of these, and nothing may ever log a presented key.
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => Listener.Configure(listen, options, connections)));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(new RateLimitWindow(options.TimeProvider));
        builder.Services.AddSingleton(new WriteBudgetWindow(options.TimeProvider));

        var app = builder.Build();
        UseStages(app);
        ClusterRoutes.Map(app, pathBase);
        if (!string.Equals(pathBase, "/v1", StringComparison.OrdinalIgnoreCase))
        {
            ClusterRoutes.Map(app, "/v1");
        }

        app.MapFallback(context => ErrorResponses.RouteNotFound(context).ExecuteAsync(context));
        return app;
    }

    // The order is the contract of the pipeline:
    //  1. routing first, so every later stage (the recorder above all) knows the route's {id};
    //  2. the recorder, outermost of ours, so it logs whatever was finally answered;
    //  3. response headers, so every answer, errors and rejections included, carries them;
    //  4. the exception handler, so a simulator bug is still a JSON error that gets recorded;
    //  5. latency;
    //  6. fault injection: it sees the request before authentication and the handler, can answer
    //     instead of them (429, 503, a dropped connection) or act on their answer after calling next,
    //     and everything it does is still recorded and carries the headers;
    //  7. authentication, then the endpoint.
    private static void UseStages(WebApplication app)
    {
        app.UseRouting();
        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseMiddleware<ResponseHeadersMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => ErrorResponses.Internal(context).ExecuteAsync(context),
        });
        app.UseMiddleware<LatencyMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<WriteBudgetMiddleware>();
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
    }
}
