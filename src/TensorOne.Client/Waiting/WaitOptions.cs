namespace TensorOne.Client.Waiting;

/// <summary>How a <see cref="ClusterWatcher"/> paces its reads. The defaults fit the API's documented read limits.</summary>
public sealed class WaitOptions
{
    /// <summary>The first poll comes this soon after an operation starts; quick operations finish quickly.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Long operations are polled no more often than this.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The interval grows as this fraction of the time the youngest operation has run.</summary>
    public double GrowthFactor { get; set; } = 0.25;

    /// <summary>Polled that soon after the API's estimated completion time, if it falls before the next regular poll.</summary>
    public TimeSpan EstimateSlack { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>With more than this many clusters to watch, read them through the list endpoint a page at a time.</summary>
    public int ListThreshold { get; set; } = 3;
}
