namespace TensorOne.Client.Requests;

/// <summary>
/// What a stop and a restart request share: the API's timing fields and the client-side deadline and
/// notice. A null field is left out of the body so the API's own default applies; the client never
/// invents a value the caller did not give.
/// </summary>
public abstract class ClusterOperationRequest
{
    // Only the two operations of this assembly derive from it: a request the client cannot send is no request.
    private protected ClusterOperationRequest()
    {
    }

    /// <summary>API <c>force</c>: immediate termination without a graceful shutdown.</summary>
    public bool? Force { get; set; }

    /// <summary>API <c>grace_period_minutes</c>, 0 to 30.</summary>
    public int? GracePeriodMinutes { get; set; }

    /// <summary>API <c>timeout_minutes</c>, 1 to 60.</summary>
    public int? TimeoutMinutes { get; set; }

    /// <summary>
    /// How long the whole call may take on the client's side (attempts, backoff, Retry-After and the
    /// read-back after a lost answer); null for <see cref="TensorOneClientOptions.OperationTimeout"/>.
    /// Not sent: <see cref="TimeoutMinutes"/> is the API's own.
    /// </summary>
    public TimeSpan? OperationTimeout { get; set; }

    /// <summary>
    /// Called (on any thread) each time the request has been written to the network, so a caller can
    /// tell requests that may have reached the server from those that never left. Not sent.
    /// </summary>
    public Action? RequestSent { get; set; }

    /// <summary>Checks the documented ranges so a bad value fails before any request.</summary>
    public void Validate()
    {
        RequestRanges.CheckGracePeriod(GracePeriodMinutes);
        RequestRanges.CheckTimeout(TimeoutMinutes);
        if (OperationTimeout is { } limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OperationTimeout), limit, "The operation timeout must be positive.");
        }

        ValidateOperationFields();
    }

    /// <summary>The checks of the fields only this operation has.</summary>
    private protected abstract void ValidateOperationFields();
}
