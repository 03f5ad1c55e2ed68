namespace TensorOne.Client.Models;

/// <summary>A row of a listing that could not be read as a cluster: named as far as it can be, and why.</summary>
public sealed class UnreadableCluster(string id, string problem)
{
    /// <summary>The row's id as the server wrote it (a number, say), or a description when it has none.</summary>
    public string Id { get; } = id;

    public string Problem { get; } = problem;
}
