namespace TensorOne.Benchmark;

/// <summary>One timed run: how many clusters are piped into Stop-T1Cluster -Wait, and with which -ThrottleLimit.</summary>
/// <param name="ThrottleLimit">Null: the parameter is not passed, so the module's default applies.</param>
internal sealed record BatchScenario(string Label, int Clusters, int? ThrottleLimit);
