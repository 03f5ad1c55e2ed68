namespace TensorOne.Simulator;

/// <summary>
/// One request as the simulator saw it, with the status it answered. <see cref="Headers"/> is keyed
/// case-insensitively; <see cref="ClusterId"/> is the <c>{id}</c> of the route, when one matched.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int StatusCode,
    string? ClusterId);
