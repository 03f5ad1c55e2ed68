using System.Management.Automation;
using TensorOne.Client;

namespace TensorOne.PowerShell.Errors;

/// <summary>The mapping from API failures to error records that -ErrorAction, try/catch and job logs handle well.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord FromFailure(TensorOneRequestFailedException failure, object? target)
    {
        var record = new ErrorRecord(new T1ApiException(failure), failure.ErrorCode, CategoryOf(failure), target ?? failure.ClusterId);
        var action = RecommendedAction(failure);

        // The advice is said once, as the recommended action: the API's suggestion in the message too
        // would be the same thing twice (a 401's "check your key").
        var details = new ErrorDetails(action is not null && failure.Suggestion is { } suggestion
            ? failure.Message.Replace(" Suggestion: " + suggestion.TrimEnd('.') + ".", "")
            : failure.Message);
        if (action is not null)
        {
            details.RecommendedAction = action;
        }

        record.ErrorDetails = details;
        return record;
    }

    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    public static ErrorCategory CategoryOf(TensorOneRequestFailedException failure)
    {
        switch (failure.Kind)
        {
            case TensorOneFailureKind.Timeout:
                return ErrorCategory.OperationTimeout;
            case TensorOneFailureKind.Network:
                return ErrorCategory.ConnectionError;
            case TensorOneFailureKind.InvalidResponse:
                return ErrorCategory.InvalidResult;
            case TensorOneFailureKind.OutcomeUnknown:
                // Neither done nor refused: the state of the cluster is what the user must look at.
                return ErrorCategory.ResourceUnavailable;
        }

        if (failure.IsNotFound)
        {
            return ErrorCategory.ObjectNotFound;
        }

        return failure.Status switch
        {
            400 => ErrorCategory.InvalidArgument,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            408 => ErrorCategory.OperationTimeout,
            409 => ErrorCategory.InvalidOperation,
            422 => ErrorCategory.InvalidData,
            429 => ErrorCategory.LimitsExceeded,
            301 or 302 or 303 or 307 or 308 => ErrorCategory.ConnectionError, // the endpoint moved: the connection setting is what is wrong
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => failure.IsInvalidState ? ErrorCategory.InvalidOperation : ErrorCategory.NotSpecified,
        };
    }

    private static string? RecommendedAction(TensorOneRequestFailedException failure)
    {
        if (failure.Status == 429 && failure.RetryAt is { } retryAt)
        {
            // The one thing a runbook needs to know: when running it again can work.
            // Once the window's budget is spent, fewer requests at once (-ThrottleLimit) do not help: only time does.
            return $"The API's rate limit asks to wait until {retryAt.ToUniversalTime():u}, when its window resets; run the command again for this cluster after that.";
        }

        // The client speaks of keys and endpoints in general; here they have PowerShell names.
        if (failure.IsAuthenticationFailure)
        {
            return "Check the API key given to Connect-T1Account, or in the TENSORONE_API_KEY environment variable.";
        }

        if (failure.Suggestion is { } suggestion)
        {
            return suggestion;
        }

        return failure.Kind switch
        {
            TensorOneFailureKind.Network => "Check the network path to the API and TENSORONE_BASE_URI, then run the command again for this cluster.",
            TensorOneFailureKind.Timeout => "The operation may still be under way on the server: check it with Get-T1Cluster before retrying.",
            TensorOneFailureKind.InvalidResponse => "A proxy or gateway may be answering instead of the API; retry, and quote the request id to TensorOne support if it persists.",
            _ when failure.RequestId is not null => $"Quote request id {failure.RequestId} to TensorOne support if this persists.",
            _ => null,
        };
    }
}
