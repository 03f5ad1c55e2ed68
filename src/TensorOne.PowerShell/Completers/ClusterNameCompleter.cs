using System.Management.Automation;

namespace TensorOne.PowerShell.Completers;

/// <summary>
/// Tab completion of Get-T1Cluster -Name: the names of the session's clusters that start with what was
/// typed (wildcards allowed), each shown with its id and status. The same cached list as -Id's, and
/// likewise it never fails, prompts or writes.
/// </summary>
public sealed class ClusterNameCompleter : NeverFailingCompleter
{
    private protected override List<CompletionResult> Complete(string word)
    {
        var typed = word.TrimStart('\'', '"').TrimEnd('\'', '"');
        var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return ClusterListCache.Read()
            .Where(c => c.Name is { Length: > 0 } name && pattern.IsMatch(name))
            .GroupBy(c => c.Name!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var clusters = string.Join(", ", g.Select(c => $"{c.Id} [{(string.IsNullOrEmpty(c.Status) ? "unknown" : c.Status)}]"));
                return new CompletionResult(Quoted(g.Key), g.Key, CompletionResultType.ParameterValue, clusters);
            })
            .ToList();
    }

    // A name is any text: quoted (single quotes, doubled inside) when it would not parse as one bare word.
    private static string Quoted(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || "'\"`$&@(){}[];,|<>#".IndexOf(c) >= 0)
            ? "'" + name.Replace("'", "''") + "'"
            : name;
}
