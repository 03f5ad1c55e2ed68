using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator.Pipeline;

/// <summary>The fault the fault stage chose for this request, for the recorder to log.</summary>
internal sealed record InjectedFault(FaultKind Kind)
{
    /// <summary>True when the client was sent nothing at all (the connection was dropped before any answer).</summary>
    public bool AnsweredNothing => Kind is FaultKind.ResetBeforeHandler or FaultKind.ResetAfterHandler;
}
