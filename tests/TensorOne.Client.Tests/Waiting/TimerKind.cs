namespace TensorOne.Client.Tests.Waiting;

/// <summary>What a timer of the client's clock is for, told apart by the state the timer was created with.</summary>
internal enum TimerKind
{
    /// <summary>Something asleep until the clock moves: the watcher between polls, or a retry sitting out its delay.</summary>
    Sleep,

    /// <summary>A watch's deadline (its state is the watch).</summary>
    Deadline,

    /// <summary>A request's attempt timeout (a CancellationTokenSource's timer); it fires only if the clock moves during a request, which the tests never do.</summary>
    RequestTimeout,
}
