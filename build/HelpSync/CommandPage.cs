namespace TensorOne.HelpSync;

/// <summary>
/// Brings one cmdlet page in line with the cmdlet: SYNTAX and every parameter's ```yaml block are
/// rewritten from the metadata; titles, descriptions, examples and notes are left as written.
/// </summary>
internal sealed class CommandPage
{
    private const string CommonParametersText =
        "This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).";

    private static readonly string[] SkeletonSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    private CommandPage(string synopsis) => Synopsis = synopsis;

    /// <summary>The page's SYNOPSIS as one line (what the module page lists).</summary>
    public string Synopsis { get; }

    public static CommandPage Sync(string path, CommandFacts command, List<HelpProblem> problems)
    {
        var exists = File.Exists(path);
        var original = exists ? File.ReadAllText(path) : Skeleton(command.Name);
        var document = MarkdownDocument.Parse(original.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'));
        var pending = new List<(string Find, string Message)>();
        if (!exists)
        {
            problems.Add(new HelpProblem(path, 1, $"{command.Name} had no help page; a skeleton was written: fill in its SYNOPSIS, DESCRIPTION, EXAMPLES, OUTPUTS and each parameter's description."));
        }

        document.Ensure("SYNTAX", "SYNOPSIS").Body.Clear();
        document.Find("SYNTAX")!.Body.AddRange(SyntaxBody(command));
        var parameters = document.Ensure("PARAMETERS", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES");
        var body = ParametersBody(command, parameters.Body, pending);
        parameters.Body.Clear();
        parameters.Body.AddRange(body);

        var lines = document.ToLines();
        var text = string.Join("\n", lines) + "\n";
        if (!string.Equals(text, original.Replace("\r\n", "\n"), StringComparison.Ordinal))
        {
            File.WriteAllText(path, text);
        }

        foreach (var (find, message) in pending)
        {
            var index = lines.FindIndex(l => l == find);
            problems.Add(new HelpProblem(path, index + 1, message));
        }

        if (exists)
        {
            PageProse.Check(path, lines, command, problems);
        }

        var synopsis = string.Join(" ", MarkdownDocument.Trim(document.Find("SYNOPSIS")?.Body ?? new List<string>()).Select(l => l.Trim()));
        if (synopsis.Length == 0 && exists)
        {
            problems.Add(new HelpProblem(path, 1, $"{command.Name} has no SYNOPSIS."));
        }

        return new CommandPage(synopsis);
    }

    private static IEnumerable<string> SyntaxBody(CommandFacts command)
    {
        yield return "";
        foreach (var line in command.Syntax)
        {
            if (line.Title is not null)
            {
                yield return "### " + line.Title;
            }

            yield return "```";
            yield return line.Text;
            yield return "```";
            yield return "";
        }
    }

    private static List<string> ParametersBody(CommandFacts command, List<string> body, List<(string Find, string Message)> pending)
    {
        var (lead, subsections) = MarkdownDocument.Split(body);
        var result = new List<string>(lead.Count == 0 ? new List<string> { "" } : lead);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Section? common = null;
        foreach (var sub in subsections)
        {
            if (string.Equals(sub.Heading, "CommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                common = sub;
                continue;
            }

            var facts = sub.Heading.StartsWith('-')
                ? command.Parameters.FirstOrDefault(p => string.Equals(p.Name, sub.Heading.Substring(1), StringComparison.OrdinalIgnoreCase))
                : null;
            if (facts is null)
            {
                // Kept as written, so nothing a person wrote is lost; the build fails until it is resolved.
                result.Add("### " + sub.Heading);
                result.AddRange(sub.Body);
                pending.Add(("### " + sub.Heading, $"{command.Name} has no parameter '{sub.Heading}'; remove its section or rename it."));
                continue;
            }

            written.Add(facts.Name);
            result.AddRange(Parameter(command, facts, sub.Body, pending));
        }

        foreach (var facts in command.Parameters.Where(p => !written.Contains(p.Name)))
        {
            result.AddRange(Parameter(command, facts, new List<string>(), pending));
        }

        result.Add("### CommonParameters");
        result.AddRange(common is null ? new List<string> { CommonParametersText, "" } : common.Body);
        return result;
    }

    private static IEnumerable<string> Parameter(CommandFacts command, ParameterFacts facts, List<string> body, List<(string Find, string Message)> pending)
    {
        var prose = new List<string>();
        string? writtenDefault = null;
        var inYaml = false;
        foreach (var line in body)
        {
            var trimmed = line.Trim();
            if (!inYaml && trimmed.StartsWith("```yaml", StringComparison.OrdinalIgnoreCase))
            {
                inYaml = true;
            }
            else if (inYaml && trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inYaml = false;
            }
            else if (inYaml)
            {
                if (writtenDefault is null && trimmed.StartsWith("Default value:", StringComparison.OrdinalIgnoreCase))
                {
                    writtenDefault = trimmed.Substring("Default value:".Length).Trim();
                }
            }
            else
            {
                prose.Add(line);
            }
        }

        prose = MarkdownDocument.Trim(prose);
        var heading = "### -" + facts.Name;
        if (prose.Count == 0)
        {
            pending.Add((heading, $"{command.Name} -{facts.Name} has no description: write one under '{heading}' (the ```yaml block below it is generated)."));
        }

        return new[] { heading }.Concat(prose).Append("").Concat(facts.Yaml(writtenDefault));
    }

    private static string Skeleton(string name) =>
        $"# {name}\n\n" + string.Concat(SkeletonSections.Select(s => $"## {s}\n\n"));
}
