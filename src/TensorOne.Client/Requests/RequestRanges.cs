namespace TensorOne.Client.Requests;

/// <summary>The documented ranges, shared by both operations.</summary>
public static class RequestRanges
{
    public const int MinGracePeriodMinutes = 0;
    public const int MaxGracePeriodMinutes = 30;
    public const int MinTimeoutMinutes = 1;
    public const int MaxTimeoutMinutes = 60;

    internal static void CheckGracePeriod(int? minutes)
    {
        if (minutes is < MinGracePeriodMinutes or > MaxGracePeriodMinutes)
        {
            throw new ArgumentOutOfRangeException(
                "GracePeriodMinutes", minutes, $"The grace period must be between {MinGracePeriodMinutes} and {MaxGracePeriodMinutes} minutes.");
        }
    }

    internal static void CheckTimeout(int? minutes)
    {
        if (minutes is < MinTimeoutMinutes or > MaxTimeoutMinutes)
        {
            throw new ArgumentOutOfRangeException(
                "TimeoutMinutes", minutes, $"The timeout must be between {MinTimeoutMinutes} and {MaxTimeoutMinutes} minutes.");
        }
    }
}
