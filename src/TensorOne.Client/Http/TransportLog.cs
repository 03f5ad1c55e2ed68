using TensorOne.Client.Secrets;

namespace TensorOne.Client.Http;

/// <summary>The transport's log lines, each passed through the key mask whatever it quotes (an inner exception's message, a header).</summary>
internal sealed class TransportLog(Action<ClientLogLevel, string>? log, SecretMask mask)
{
    private readonly Action<ClientLogLevel, string>? _log = log;
    private readonly SecretMask _mask = mask;

    /// <summary>Builds the line only when someone listens.</summary>
    public void Write(ClientLogLevel level, Func<string> message)
    {
        if (_log is { } log)
        {
            log(level, _mask.Apply(message())!);
        }
    }
}
