using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// Clients are shared across invocations, but their diagnostics belong to the invocation that made
/// the call: each invocation's worker tasks set their sink here, and it flows with their async calls.
/// </summary>
internal static class ClientLogRouter
{
    private static readonly AsyncLocal<Action<ClientLogLevel, string>?> Sink = new();

    public static Action<ClientLogLevel, string>? Current
    {
        get => Sink.Value;
        set => Sink.Value = value;
    }

    public static void Forward(ClientLogLevel level, string message) => Sink.Value?.Invoke(level, message);
}
