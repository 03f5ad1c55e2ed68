using System.Management.Automation;

namespace TensorOne.HelpSync;

/// <summary>
/// The module page (docs/help/TensorOne.md, platyPS's module file): its front matter and the list of
/// cmdlets with their synopses come from the module and the cmdlet pages; the Description is prose.
/// </summary>
internal static class ModulePage
{
    public static void Sync(string path, PSModuleInfo module, IReadOnlyList<(string Name, string Synopsis)> commands, List<HelpProblem> problems)
    {
        var exists = File.Exists(path);
        var original = exists ? File.ReadAllText(path).Replace("\r\n", "\n") : $"# {module.Name} Module\n## Description\n\n";
        var document = MarkdownDocument.Parse(original.TrimEnd('\n').Split('\n'));

        var title = document.Head.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)) ?? $"# {module.Name} Module";
        document.Head.Clear();
        document.Head.AddRange(new[]
        {
            "---",
            "Module Name: " + module.Name,
            "Module Guid: " + module.Guid.ToString("D"),
            "Download Help Link: " + (module.ProjectUri is null ? "" : module.ProjectUri + "/tree/main/docs/help"),
            "Help Version: " + module.Version,
            "Locale: en-US",
            "---",
            "",
            title,
        });

        var list = document.Ensure($"{module.Name} Cmdlets", "Description");
        list.Body.Clear();
        foreach (var (name, synopsis) in commands)
        {
            list.Body.Add($"### [{name}]({name}.md)");
            list.Body.Add(synopsis);
            list.Body.Add("");
        }

        var text = string.Join("\n", MarkdownDocument.Trim(document.ToLines())) + "\n";
        if (!string.Equals(text, original, StringComparison.Ordinal))
        {
            File.WriteAllText(path, text);
        }

        var description = MarkdownDocument.Trim(document.Find("Description")?.Body ?? new List<string>());
        if (description.Count == 0)
        {
            problems.Add(new HelpProblem(path, 1, $"The module page has no '## Description' prose."));
        }
    }
}
