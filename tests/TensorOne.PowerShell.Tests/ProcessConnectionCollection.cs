namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Tests that make a process-wide connection. Every test of this assembly shares one process, so
/// these run alone, after the parallel ones, and leave no process connection behind.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessConnectionCollection
{
    public const string Name = "Process-wide connection";
}
