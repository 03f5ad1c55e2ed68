namespace TensorOne.Client;

/// <summary>Why a request failed, so callers can classify without parsing messages.</summary>
public enum TensorOneFailureKind
{
    /// <summary>The API answered with an error status.</summary>
    ApiError,

    /// <summary>No answer: the connection failed or was reset.</summary>
    Network,

    /// <summary>No answer within the time allowed.</summary>
    Timeout,

    /// <summary>An answer that is not a response the API documents (HTML from a proxy, truncated or malformed JSON, too large).</summary>
    InvalidResponse,
}
