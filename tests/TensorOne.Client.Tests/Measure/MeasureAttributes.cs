namespace TensorOne.Tests.Measure;

/// <summary>
/// Compiled into both the client and the module test projects (linked, one copy).
/// A figure-printing run, not a test: skipped unless TENSORONE_MEASURE=1, so CI's "Category!=Soak"
/// run never spends minutes on it. Run by hand: TENSORONE_MEASURE=1 dotnet test ... --filter Category=Measure.
/// </summary>
public sealed class MeasureFactAttribute : FactAttribute
{
    public MeasureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TENSORONE_MEASURE") != "1")
        {
            Skip = "A figure-printing run, not a test; set TENSORONE_MEASURE=1 to run it.";
        }
    }
}

/// <inheritdoc cref="MeasureFactAttribute"/>
public sealed class MeasureTheoryAttribute : TheoryAttribute
{
    public MeasureTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("TENSORONE_MEASURE") != "1")
        {
            Skip = "A figure-printing run, not a test; set TENSORONE_MEASURE=1 to run it.";
        }
    }
}
