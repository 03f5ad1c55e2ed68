namespace TensorOne.Simulator.Pipeline;

/// <summary>X-RateLimit-Limit and -Remaining a fault wants on this answer instead of the window's own count.</summary>
internal sealed record RateLimitOverride(int Limit, int Remaining);
