using System.Globalization;
using TensorOne.Client.Http;

namespace TensorOne.Client.Resilience;

/// <summary>
/// Holds a request back, unsent, when the API has already said it would refuse it: a throttle set by a
/// Retry-After longer than the client waits, or a write budget the writes already sent have spent.
/// </summary>
internal sealed class RateLimitGate(TensorOneClientOptions options, TransportLog log)
{
    private readonly TensorOneClientOptions _options = options;
    private readonly TransportLog _log = log;
    private readonly ThrottleGate _throttle = new();
    private readonly WriteBudget _writeBudget = new();

    /// <summary>The writes left in the API's window, as far as its answers said (in-flight writes counted as spent).</summary>
    public int? WritesLeft => _writeBudget.Left;

    public DateTimeOffset? WriteBudgetResetsAt => _writeBudget.ResetsAt;

    /// <summary>
    /// Waits until the call may be sent, or throws the reason it may not (unsent). Returns true when a
    /// write took a place in the budget: the caller gives it back with <see cref="ReleaseWrite"/>.
    /// </summary>
    public async Task<bool> WaitToSendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        if (_throttle.BlockedUntil(!call.IsRead, now) is { } until)
        {
            throw TransportFailure.StillThrottled(call, now, until);
        }

        if (call.Remaining(now) is { } left && left <= TimeSpan.Zero)
        {
            throw TransportFailure.DeadlineFailure(call, null);
        }

        if (call.IsRead || !await ReserveWriteAsync(call, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // The wait for the budget may have outlasted a throttle another request met, or this
        // operation's deadline: then the write is not sent at all, and says so.
        now = _options.TimeProvider.GetUtcNow();
        var refusal = _throttle.BlockedUntil(true, now) is { } blockedUntil ? TransportFailure.StillThrottled(call, now, blockedUntil)
            : call.Remaining(now) is { } rest && rest <= TimeSpan.Zero ? TransportFailure.NotSentBeforeDeadline(call)
            : null;
        if (refusal is not null)
        {
            _writeBudget.Release();
            throw refusal;
        }

        return true;
    }

    public void ReleaseWrite() => _writeBudget.Release();

    /// <summary>Takes in what a write's answer says of the budget: what is left, when it resets, a 429's Retry-After.</summary>
    public void ObserveWriteAnswer(ApiResponse response)
    {
        var retryAt = response.Status == 429 && RetryAfterHeader.Read(response.Headers, response.ReceivedAt) is { } wait ? response.ReceivedAt + wait : (DateTimeOffset?)null;
        _writeBudget.Observe(RateLimitObserver.Remaining(response.Headers), RateLimitObserver.ResetsAt(response.Headers, response.ReceivedAt), retryAt);
    }

    /// <summary>A 429 that asks for a longer wait than the client makes: further requests of its kind fail at once until then.</summary>
    public void NoteLongThrottle(ApiCall call, ApiResponse response)
    {
        if (response.Status == 429 && RetryAfterHeader.Read(response.Headers, response.ReceivedAt) is { } wait && wait > _options.MaxRetryAfter)
        {
            _throttle.Block(!call.IsRead, response.ReceivedAt + wait);
            _log.Write(ClientLogLevel.Verbose, () => string.Format(
                CultureInfo.InvariantCulture,
                "The API refused {0} with HTTP 429 and asked to wait {1:0} s, longer than the client waits ({2:0} s); further {3} fail at once until {4:u}.",
                call.PathForMessages,
                wait.TotalSeconds,
                _options.MaxRetryAfter.TotalSeconds,
                call.IsRead ? "reads" : "writes",
                (response.ReceivedAt + wait).ToUniversalTime()));
        }
    }

    /// <summary>
    /// Takes a write from the budget. While writes in flight hold what is left, waits for their answers;
    /// a budget that is empty for longer than the client would wait for a Retry-After refuses the write at
    /// once, unsent, naming the reset; a shorter gap is waited out.
    /// </summary>
    private async Task<bool> ReserveWriteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _options.TimeProvider.GetUtcNow();
            switch (_writeBudget.TryReserve(now, out var until, out var changed))
            {
                case WriteBudget.Verdict.Granted:
                    return true;
                case WriteBudget.Verdict.Full:
                    // Waits for the writes in flight to answer, but never past this operation's deadline.
                    if (call.Remaining(now) is { } remaining)
                    {
                        if (remaining <= TimeSpan.Zero)
                        {
                            throw TransportFailure.NotSentBeforeDeadline(call);
                        }

                        try
                        {
                            await changed.WaitAsync(remaining, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TimeoutException)
                        {
                            // The deadline passed first: said on the next turn, unsent.
                        }
                    }
                    else
                    {
                        await WaitAsync(changed, cancellationToken).ConfigureAwait(false);
                    }

                    // A cancelled caller leaves; a passed deadline is said on the next turn.
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                default:
                    // A window that reopens after the operation's deadline is as good as closed: say so now.
                    if (until - now > _options.MaxRetryAfter || (call.Remaining(now) is { } left && until - now > left))
                    {
                        throw TransportFailure.BudgetSpent(call, now, until);
                    }

                    await _options.TimeProvider.Delay(until - now, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Waits for the signal or the token, without throwing: the caller checks the token.</summary>
    private static async Task WaitAsync(Task signal, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            await Task.WhenAny(signal, cancelled.Task).ConfigureAwait(false);
        }
    }
}
