using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator;

/// <summary>
/// One request as the simulator saw it, with the status it answered. <see cref="Headers"/> is keyed
/// case-insensitively; <see cref="ClusterId"/> is the <c>{id}</c> of the route, when one matched.
/// <see cref="At"/> is when it arrived and <see cref="AnsweredAt"/> when its answer began to leave (or, with none, when the simulator was done with it).
/// When a fault was injected, <see cref="Fault"/> names it; <see cref="StatusCode"/> is then the status
/// the simulator decided on, which the client may never have received: 0 after
/// <see cref="FaultKind.ResetBeforeHandler"/>, the endpoint's own after <see cref="FaultKind.ResetAfterHandler"/>
/// (a 200 there is a committed operation whose answer was lost), 499 if the client gave up first.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int StatusCode,
    string? ClusterId)
{
    public DateTimeOffset AnsweredAt { get; init; }

    public FaultKind? Fault { get; init; }

    /// <summary>The X-Request-Id the simulator answered with (null for a request dropped before it got one).</summary>
    public string? RequestId { get; init; }
}
