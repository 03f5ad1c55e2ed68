namespace TensorOne.Simulator;

/// <summary>
/// What reached the listener below HTTP: the connections it accepted, counted before any TLS handshake.
/// A client that refuses the server's certificate shows here as one connection per try and never in
/// <see cref="SimulatorState.Requests"/>. (Handshakes are not counted: a .NET client checks the
/// certificate after the handshake has completed on both sides, so a completed one proves no trust.)
/// </summary>
public sealed class ConnectionLog
{
    private int _accepted;

    /// <summary>TCP connections accepted, over http:// and https:// alike.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    internal void NoteAccepted() => Interlocked.Increment(ref _accepted);
}
