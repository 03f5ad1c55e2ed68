using System.Collections.Concurrent;
using Polly.Retry;
using Polly.Telemetry;
using TensorOne.Client.Http;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>Polly's own telemetry of the client's pipeline: the delay it planned before each retry, exactly.</summary>
internal sealed class RetryDelayListener : TelemetryListener
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        if (args.Arguments is OnRetryArguments<ApiResponse> retry)
        {
            _delays.Enqueue(retry.RetryDelay);
        }
    }
}
