namespace TensorOne.Benchmark.Import;

/// <summary>What one subject's imports measured in one pwsh build, run after run.</summary>
internal sealed class ImportSamples
{
    public ImportSamples(ImportSubject subject) => Subject = subject;

    public ImportSubject Subject { get; }

    /// <summary>The Import-Module statement's wall time, from inside pwsh.</summary>
    public List<double> Wall { get; } = [];

    /// <summary>The CPU time the process spent during the statement, every thread (the JIT's too).</summary>
    public List<double> Cpu { get; } = [];

    /// <summary>The whole process's wall time over the bare start of the same round.</summary>
    public List<double> StartRatio { get; } = [];

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
