namespace TensorOne.Client.Waiting;

public enum WaitEnd
{
    /// <summary>The cluster reached the operation's end state (stopped; running after a restart).</summary>
    Succeeded,

    /// <summary>The cluster entered the error state.</summary>
    Failed,

    /// <summary>The wait's time ran out first; the operation may still finish on the server.</summary>
    TimedOut,

    /// <summary>
    /// The cluster could no longer be read: deleted, the key refused, or the API asked us (Retry-After) not
    /// to read again until after the deadline. <see cref="WaitOutcome.LastFailure"/> says which.
    /// </summary>
    Lost,
}
