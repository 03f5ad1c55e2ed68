using System.Text.RegularExpressions;

namespace TensorOne.Simulator.Faults;

/// <summary>
/// One line of a <see cref="FaultPlan"/>: inject <see cref="Kind"/> into <see cref="Rate"/> of the
/// requests that match <see cref="Method"/> and <see cref="PathPattern"/>, at most <see cref="Limit"/> times.
/// </summary>
public sealed class FaultRule
{
    private readonly Regex? _path;
    private int _injected;

    public FaultRule(FaultKind kind, double rate, string? method = null, string? pathPattern = null, int? limit = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }

        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate is a probability between 0 and 1.");
        }

        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        Kind = kind;
        Rate = rate;
        Method = method;
        PathPattern = pathPattern;
        Limit = limit;
        _path = pathPattern is null ? null : new Regex(pathPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }

    public FaultKind Kind { get; }

    public double Rate { get; }

    /// <summary>HTTP method to match (case-insensitive); null matches every method.</summary>
    public string? Method { get; }

    /// <summary>Regular expression matched against the full path (e.g. <c>/v2/clusters/c1/stop</c>); null matches every path.</summary>
    public string? PathPattern { get; }

    /// <summary>The most injections this rule makes; null for no limit. With rate 1, "the first N matching requests".</summary>
    public int? Limit { get; }

    public int Injected => Volatile.Read(ref _injected);

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (_path is null || _path.IsMatch(path));

    /// <summary>Takes one injection from the limit; false once the limit is used up.</summary>
    internal bool TryTake()
    {
        if (Limit is not { } limit)
        {
            Interlocked.Increment(ref _injected);
            return true;
        }

        while (true)
        {
            var current = Volatile.Read(ref _injected);
            if (current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _injected, current + 1, current) == current)
            {
                return true;
            }
        }
    }
}
