using System.Management.Automation;

namespace TensorOne.PowerShell.Input;

/// <summary>
/// Get-T1Cluster -Name: a cluster passes when its name matches any of the names given (wildcards
/// allowed, case ignored). Names given without wildcards that matched nothing are told apart, for the
/// not-found error core cmdlets write.
/// </summary>
internal sealed class ClusterNameFilter
{
    private readonly List<(string Name, WildcardPattern Pattern, bool Literal)> _names;
    private readonly HashSet<string> _matched = new(StringComparer.Ordinal);

    public ClusterNameFilter(IEnumerable<string>? names)
    {
        _names = (names ?? Array.Empty<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => (n, new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), !WildcardPattern.ContainsWildcardCharacters(n)))
            .ToList();
    }

    /// <summary>Whether any name was given: the listing is then filtered here, not only by the API.</summary>
    public bool Filters => _names.Count > 0;

    /// <summary>The names without wildcards that no cluster matched, in the order given.</summary>
    public IEnumerable<string> LiteralsNotMatched => _names.Where(n => n.Literal && !_matched.Contains(n.Name)).Select(n => n.Name);

    public bool Matches(string? clusterName)
    {
        if (_names.Count == 0)
        {
            return true;
        }

        var any = false;
        foreach (var (name, pattern, _) in _names)
        {
            if (pattern.IsMatch(clusterName ?? ""))
            {
                _matched.Add(name);
                any = true;
            }
        }

        return any;
    }
}
