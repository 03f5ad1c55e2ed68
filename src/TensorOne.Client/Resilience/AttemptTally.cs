using Polly;
using TensorOne.Client.Http;

namespace TensorOne.Client.Resilience;

/// <summary>
/// Counts a client's attempts from just before each attempt's timeout is set until the attempt has
/// ended. A test seam and nothing more: the engine-hosted tests move a fake clock they share with the
/// module only while no attempt is out, so the clock never runs out an attempt that has not reached the
/// server yet, however slowly a busy machine sends it. Without a tally (always, outside those tests)
/// the pipeline has no such step.
/// </summary>
internal sealed class AttemptTally
{
    private int _inFlight;
    private long _moves;

    /// <summary>Attempts started and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Attempts started plus attempts ended: a mark that moves whenever the client sends or hears
    /// anything, for "was this timer set after the last of it" (a sleep) or before (an attempt's own).
    /// </summary>
    public long Moves => Interlocked.Read(ref _moves);

    /// <summary>A pipeline step, placed outside the attempt's timeout, that counts each attempt through it.</summary>
    public ResilienceStrategy<ApiResponse> Strategy() => new Counting(this);

    private sealed class Counting : ResilienceStrategy<ApiResponse>
    {
        private readonly AttemptTally _tally;

        public Counting(AttemptTally tally) => _tally = tally;

        protected override async ValueTask<Outcome<ApiResponse>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<ApiResponse>>> callback,
            ResilienceContext context,
            TState state)
        {
            Interlocked.Increment(ref _tally._inFlight);
            Interlocked.Increment(ref _tally._moves);
            try
            {
                return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            finally
            {
                Interlocked.Decrement(ref _tally._inFlight);
                Interlocked.Increment(ref _tally._moves);
            }
        }
    }
}
