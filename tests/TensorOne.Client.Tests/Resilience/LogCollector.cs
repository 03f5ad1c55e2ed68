using System.Collections.Concurrent;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>Collects the client's diagnostics from any thread.</summary>
internal sealed class LogCollector
{
    private readonly ConcurrentQueue<(ClientLogLevel Level, string Message)> _lines = new();

    public Action<ClientLogLevel, string> Sink => (level, message) => _lines.Enqueue((level, message));

    public IReadOnlyList<(ClientLogLevel Level, string Message)> Lines => _lines.ToArray();

    public IEnumerable<string> Messages(ClientLogLevel level) => Lines.Where(l => l.Level == level).Select(l => l.Message);

    public string AllText => string.Join("\n", Lines.Select(l => l.Level + ": " + l.Message));
}
