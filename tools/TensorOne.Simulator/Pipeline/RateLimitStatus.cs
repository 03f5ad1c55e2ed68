namespace TensorOne.Simulator.Pipeline;

internal sealed record RateLimitStatus(int Limit, int Remaining, long ResetUnixSeconds, int WindowSeconds);
