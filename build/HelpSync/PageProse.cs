using System.Management.Automation.Language;

namespace TensorOne.HelpSync;

/// <summary>
/// The prose of a command page that only a person can write, checked at build time so help with a gap
/// never reaches a user: a description, at least two examples that parse, use the command and explain
/// themselves, and every output type listed. The build is the one place these are checked.
/// </summary>
internal static class PageProse
{
    private const int ExamplesWanted = 2;

    public static void Check(string path, List<string> lines, CommandFacts command, List<HelpProblem> problems)
    {
        var document = MarkdownDocument.Parse(lines);
        void Problem(string heading, string message) =>
            problems.Add(new HelpProblem(path, Math.Max(1, lines.FindIndex(l => l == heading) + 1), $"{command.Name}: {message}"));

        if (MarkdownDocument.Trim(document.Find("DESCRIPTION")?.Body ?? new List<string>()).Count == 0)
        {
            Problem("## DESCRIPTION", "no DESCRIPTION prose.");
        }

        var examples = MarkdownDocument.Split(document.Find("EXAMPLES")?.Body ?? new List<string>()).Subsections;
        if (examples.Count < ExamplesWanted)
        {
            Problem("## EXAMPLES", $"{examples.Count} examples, at least {ExamplesWanted} wanted.");
        }

        foreach (var example in examples)
        {
            var heading = "### " + example.Heading;
            var (code, remarks) = CodeAndRemarks(example.Body);
            if (code.Trim().Length == 0)
            {
                Problem(heading, $"example '{example.Heading}' has no code.");
                continue;
            }

            Parser.ParseInput(code, out _, out var errors);
            if (errors.Length > 0)
            {
                Problem(heading, $"example '{example.Heading}' does not parse: {errors[0].Message}");
            }

            if (!code.Contains(command.Name, StringComparison.OrdinalIgnoreCase))
            {
                Problem(heading, $"example '{example.Heading}' does not use {command.Name}.");
            }

            if (remarks.Trim().Length == 0)
            {
                Problem(heading, $"example '{example.Heading}' does not explain itself.");
            }
        }

        var outputs = MarkdownDocument.Split(document.Find("OUTPUTS")?.Body ?? new List<string>()).Subsections.Select(s => s.Heading).ToList();
        foreach (var type in command.OutputTypes.Where(t => !outputs.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            Problem("## OUTPUTS", $"the output type {type} is not under OUTPUTS.");
        }
    }

    /// <summary>An example's fenced code, and the prose after it.</summary>
    private static (string Code, string Remarks) CodeAndRemarks(List<string> body)
    {
        var code = new List<string>();
        var remarks = new List<string>();
        var fences = 0;
        foreach (var line in body)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fences++;
            }
            else if (fences == 1)
            {
                code.Add(line);
            }
            else if (fences >= 2)
            {
                remarks.Add(line);
            }
        }

        return (string.Join("\n", code), string.Join("\n", remarks));
    }
}
