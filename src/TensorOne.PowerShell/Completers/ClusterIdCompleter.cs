using System.Management.Automation;

namespace TensorOne.PowerShell.Completers;

/// <summary>
/// Tab completion of -Id: the ids of the session's clusters whose id or name starts with what was
/// typed (wildcards allowed), each shown with its name and status. It reads a cached list and never
/// fails, prompts or writes: completion runs while the user types.
/// </summary>
public sealed class ClusterIdCompleter : NeverFailingCompleter
{
    private protected override List<CompletionResult> Complete(string word)
    {
        var quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word.Substring(0, 1) : "";
        var typed = word.Substring(quote.Length).TrimEnd('\'', '"');
        var clusters = ClusterListCache.Read();
        if (clusters.Count == 0)
        {
            return new List<CompletionResult>();
        }

        var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return clusters
            .Where(c => pattern.IsMatch(c.Id) || (c.Name is { Length: > 0 } name && pattern.IsMatch(name)))
            .OrderBy(c => c.Id, StringComparer.OrdinalIgnoreCase)
            .Select(c =>
            {
                var name = string.IsNullOrEmpty(c.Name) ? "(no name)" : c.Name;
                var status = string.IsNullOrEmpty(c.Status) ? "unknown" : c.Status;
                return new CompletionResult(quote + c.Id + quote, $"{c.Id}  {name} [{status}]", CompletionResultType.ParameterValue, $"{name}: {status}");
            })
            .ToList();
    }
}
