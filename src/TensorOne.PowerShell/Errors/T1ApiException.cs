using TensorOne.Client;

namespace TensorOne.PowerShell;

/// <summary>
/// The exception inside every API error record. It lives in the cmdlet assembly (the client's
/// assemblies load in an isolated context that PowerShell's type resolution does not search), so
/// scripts can write <c>catch [TensorOne.PowerShell.T1ApiException]</c> and read its properties.
/// It sits with the error records but keeps the namespace of the output types: that type name is a
/// public contract scripts rely on.
/// </summary>
public sealed class T1ApiException : Exception
{
    internal T1ApiException(TensorOneRequestFailedException failure)
        : base(failure.Message, failure)
    {
        StatusCode = failure.Status;
        ErrorCode = failure.ErrorCode;
        ApiMessage = failure.ApiMessage;
        RequestId = failure.RequestId;
        ClusterId = failure.ClusterId;
        Suggestion = failure.Suggestion;
        RetryAfter = failure.RetryAfter;
        RetryAt = failure.RetryAt;
        Details = new Dictionary<string, string>(failure.Details.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase);
        FailureKind = failure.Kind.ToString();
    }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    public string ErrorCode { get; }

    public string ApiMessage { get; }

    public string? RequestId { get; }

    public string? ClusterId { get; }

    public string? Suggestion { get; }

    public TimeSpan? RetryAfter { get; }

    public DateTimeOffset? RetryAt { get; }

    public IReadOnlyDictionary<string, string> Details { get; }

    /// <summary>ApiError, Network, Timeout or InvalidResponse.</summary>
    public string FailureKind { get; }
}
