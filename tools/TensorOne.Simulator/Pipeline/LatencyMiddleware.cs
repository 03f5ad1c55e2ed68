using Microsoft.AspNetCore.Http;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Delays every request by <see cref="SimulatorOptions.Latency"/>, on the real clock (it stands for the
/// network, not for cluster time), and gives up as soon as the client does.
/// </summary>
internal sealed class LatencyMiddleware(RequestDelegate next, SimulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var latency = options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        await next(context);
    }
}
