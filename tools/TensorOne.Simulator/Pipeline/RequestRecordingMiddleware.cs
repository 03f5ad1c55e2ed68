using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TensorOne.Simulator.Pipeline;

/// <summary>
/// Outermost stage: logs every request into <see cref="SimulatorState.Requests"/> with the status that
/// was finally answered, rejected ones included, and hands the body and request id to later stages.
/// </summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, SimulatorState state, SimulatorOptions options)
{
    // Not an HTTP status anyone sends back: the client went away before an answer was written.
    private const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var sequence = state.NextRequestSequence();
        var receivedAt = options.TimeProvider.GetUtcNow();
        var request = context.Request;
        var headers = request.Headers.ToFrozenDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int? statusOverride = null;
        var body = "";

        // "Answered" is when the answer began to leave, the moment a client starts counting Retry-After
        // from; the end of this stage can come much later on a loaded machine.
        DateTimeOffset? answerStartedAt = null;
        context.Response.OnStarting(() =>
        {
            answerStartedAt = options.TimeProvider.GetUtcNow();
            return Task.CompletedTask;
        });
        try
        {
            body = await ReadBodyAsync(request, context.RequestAborted);
            context.Features.Set(new ApiRequestContext(ApiRequestContext.NewRequestId(), body));
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            statusOverride = ClientClosedRequest;
        }
        catch
        {
            statusOverride = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            var fault = context.Features.Get<InjectedFault>();
            if (statusOverride is null && fault?.Kind == Faults.FaultKind.ResetBeforeHandler)
            {
                statusOverride = 0;
            }
            else if (statusOverride is null && context.RequestAborted.IsCancellationRequested && fault is not { AnsweredNothing: true })
            {
                // The client gave up (a timeout, a body it would not read) before the answer was done:
                // whatever was written, it did not wait for it.
                statusOverride = ClientClosedRequest;
            }

            state.Record(sequence, new RecordedRequest(
                receivedAt,
                request.Method,
                request.PathBase.Add(request.Path).Value ?? "",
                request.QueryString.Value ?? "",
                headers,
                body,
                statusOverride ?? context.Response.StatusCode,
                context.GetRouteValue("id") as string)
            {
                AnsweredAt = answerStartedAt ?? options.TimeProvider.GetUtcNow(),
                Fault = fault?.Kind,
                RequestId = context.Features.Get<ApiRequestContext>()?.RequestId,
            });
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        request.Body.Position = 0;
        return body;
    }
}
