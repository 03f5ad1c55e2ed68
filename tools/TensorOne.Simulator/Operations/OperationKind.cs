namespace TensorOne.Simulator.Operations;

internal enum OperationKind
{
    Stop,
    Restart,
}
