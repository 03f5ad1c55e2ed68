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

    /// <summary>
    /// A write whose answer was lost and whose effect could not be established afterwards. It was not
    /// sent again (that could do it twice): the caller must look at the cluster.
    /// </summary>
    OutcomeUnknown,
}
