using System.Globalization;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TensorOne.Client.Http;

namespace TensorOne.Client.Resilience;

/// <summary>
/// The Polly pipeline around each attempt: the operation's deadline outermost, then retry with backoff
/// and Retry-After, then the per-attempt timeout. What may be sent again: any read that met a transient
/// failure, and a write only when write safety says so.
/// </summary>
internal sealed class RetryPipeline
{
    // Computed backoff never grows past this; a server's Retry-After is bounded by MaxRetryAfter instead.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly ResiliencePropertyKey<ApiCall> CallKey = new("tensorone.call");

    private readonly TensorOneClientOptions _options;
    private readonly TransportLog _log;
    private readonly Func<ApiCall, CancellationToken, Task<ApiResponse>> _attempt;
    private readonly ResiliencePipeline<ApiResponse> _pipeline;

    public RetryPipeline(TensorOneClientOptions options, TransportLog log, Func<ApiCall, CancellationToken, Task<ApiResponse>> attempt)
    {
        _options = options;
        _log = log;
        _attempt = attempt;
        _pipeline = Build(options);
    }

    /// <summary>Runs the attempts of one call until one answers for good, the retries run out, or the deadline passes.</summary>
    public async Task<ApiResponse> ExecuteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Attempt(state.Call, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Attempt: _attempt, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline<ApiResponse> Build(TensorOneClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = options.TimeProvider };

        // Outermost: the call's deadline bounds attempts, backoff and Retry-After together.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                return new ValueTask<TimeSpan>(call.Remaining(options.TimeProvider.GetUtcNow()) is { } left
                    ? (left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1))
                    : Timeout.InfiniteTimeSpan);
            },
            OnTimeout = args =>
            {
                args.Context.Properties.GetValue(CallKey, null!).DeadlinePassed = true;
                return default;
            },
        });
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = MaxBackoff,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                // Polly applies MaxDelay to its own backoff only; a Retry-After replaces it as it stands.
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay(args.Outcome)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    _log.Write(ClientLogLevel.Verbose, () => string.Format(
                        CultureInfo.InvariantCulture,
                        "Retrying {0} {1} in {2:0.0} s after {3} (attempt {4} of {5}).",
                        call.Method,
                        call.PathForMessages,
                        args.RetryDelay.TotalSeconds,
                        Describe(args.Outcome),
                        args.AttemptNumber + 2,
                        options.MaxRetryAttempts + 1));
                    return default;
                },
            });
        }

        if (options.AttemptTally is { } tally)
        {
            builder.AddStrategy(_ => tally.Strategy());
        }

        builder.AddTimeout(options.AttemptTimeout);
        options.AddAttemptStrategies?.Invoke(builder);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<ApiResponse> outcome, ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallKey, null!);
        if (!call.IsRead)
        {
            return ShouldSendWriteAgain(outcome, call);
        }

        if (outcome.Exception is { } exception)
        {
            if (exception is TensorOneRequestFailedException { Kind: TensorOneFailureKind.InvalidResponse })
            {
                // A 2xx whose body could not be read (a proxy cut it short): a read is simply asked again.
                return !FinalFailure.Is(exception);
            }

            if (!TransportFailure.IsNetworkFailure(exception) && exception is not TimeoutRejectedException || FinalFailure.IsCertificateRefused(exception))
            {
                return false;
            }

            if (TransportFailure.IsConnectionRefused(exception))
            {
                // Nothing listens there: one quick second try covers a server restarting; more only delays the news.
                return call.Attempts < 2;
            }

            return true;
        }

        return !RequestedDelayTooLong(outcome, call) && outcome.Result!.Status is 429 or 503 or 408 or 500 or 502 or 504;
    }

    // Only what write safety allows: a write that provably never reached the API, or that the API said it did not process.
    private bool ShouldSendWriteAgain(Outcome<ApiResponse> outcome, ApiCall call)
    {
        if (call.LastDecision != WriteDecision.SendAgain
            || RequestedDelayTooLong(outcome, call)
            || outcome.Exception is { } failure && !TransportFailure.IsNetworkFailure(failure) && failure is not TimeoutRejectedException)
        {
            return false;
        }

        // Nothing listens there: one quick second try covers a server restarting; more only delays the news.
        return outcome.Exception is not { } exception || !TransportFailure.IsConnectionRefused(exception) || call.Attempts < 2;
    }

    // Waiting as the server asked would outlast what the caller allows: fail now and say when to retry.
    private bool RequestedDelayTooLong(Outcome<ApiResponse> outcome, ApiCall call) =>
        ServerRequestedDelay(outcome) is { } wait
        && (wait > _options.MaxRetryAfter || call.Remaining(_options.TimeProvider.GetUtcNow()) is { } left && wait > left);

    private static TimeSpan? ServerRequestedDelay(Outcome<ApiResponse> outcome) =>
        outcome.Result is { Status: 429 or 503 } response
            ? RetryAfterHeader.Read(response.Headers, response.ReceivedAt)
            : null;

    private static string Describe(Outcome<ApiResponse> outcome) =>
        outcome.Exception switch
        {
            null => "HTTP " + outcome.Result!.Status.ToString(CultureInfo.InvariantCulture),
            TimeoutRejectedException => "a timeout",
            TensorOneRequestFailedException failure => "an unreadable answer (" + failure.ApiMessage + ")",
            var ex => "a network failure (" + TransportFailure.Innermost(ex).Message + ")",
        };
}
