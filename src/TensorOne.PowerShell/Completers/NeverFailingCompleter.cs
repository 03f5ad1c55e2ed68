using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TensorOne.PowerShell.Completers;

/// <summary>
/// A completer that never fails, prompts or writes: completion runs while the user types, and an
/// exception would surface in the middle of their typing, where no completion is the right answer.
/// </summary>
public abstract class NeverFailingCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(wordToComplete ?? "");
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
    }

    private protected abstract List<CompletionResult> Complete(string word);
}
