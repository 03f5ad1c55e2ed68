namespace TensorOne.PowerShell.Operations;

/// <summary>
/// The first request of a batch goes alone: a rejected key then fails one request, not a whole batch
/// in flight. The others wait here until it has answered, or the invocation is cancelled.
/// </summary>
internal sealed class FirstRequestAlone
{
    private readonly TaskCompletionSource<bool> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FirstRequestAlone(CancellationToken cancellation) => cancellation.Register(() => _answered.TrySetCanceled());

    /// <summary>Ends when the first request has answered (faults as cancelled if the invocation stops first).</summary>
    public Task Answered => _answered.Task;

    /// <summary>The first request has answered, whatever it said (any thread).</summary>
    public void SetAnswered() => _answered.TrySetResult(true);
}
