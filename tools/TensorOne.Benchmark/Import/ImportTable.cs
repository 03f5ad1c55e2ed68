using System.Globalization;

namespace TensorOne.Benchmark.Import;

/// <summary>One pwsh build's figures: a row per module, TensorOne first and the floors under it.</summary>
internal static class ImportTable
{
    public static void Print(TextWriter output, string build, IReadOnlyList<double> bare, IReadOnlyList<ImportSamples> samples)
    {
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: bare start {1:0} ms (median, whole process)", build, ImportSamples.Median(bare)));
        output.WriteLine("module                               Import-Module ms (min  median   max)   CPU ms  start+import / bare");
        foreach (var sample in samples)
        {
            output.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-36} {1,20:0.0} {2,7:0.0} {3,5:0.0} {4,8:0.0} {5,20:0.000}x",
                sample.Subject.Label,
                sample.Wall.Min(),
                ImportSamples.Median(sample.Wall),
                sample.Wall.Max(),
                ImportSamples.Median(sample.Cpu),
                ImportSamples.Median(sample.StartRatio)));
        }
    }
}
