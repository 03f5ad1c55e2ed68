using System.Management.Automation;
using TensorOne.Client;

namespace TensorOne.PowerShell.Input;

/// <summary>Refuses an id that cannot be a cluster id at binding time, so no request is ever built from it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateClusterIdAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var value = element is PSObject wrapped ? wrapped.BaseObject : element;
        if (ExplainProblem(value as string) is { } problem)
        {
            throw new ValidationMetadataException(problem);
        }
    }

    // Kept apart so the client assembly is touched only when a value is checked, after the module initializer ran.
    private static string? ExplainProblem(string? id) => ClusterId.Explain(id);
}
