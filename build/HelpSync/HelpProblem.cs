namespace TensorOne.HelpSync;

/// <summary>Something in the help that a person must write or remove; printed in MSBuild's canonical error form.</summary>
internal sealed record HelpProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}({Line}): error T1HELP: {Message}";
}
