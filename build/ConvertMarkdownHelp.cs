// The source of the ConvertMarkdownHelp inline task (build/Help.targets compiles it with the SDK's
// RoslynCodeTaskFactory). It turns platyPS-layout markdown into what Get-Help reads: one MAML file for
// the cmdlets and one about_*.help.txt per about topic. platyPS itself is a PowerShell module and the
// build must run with nothing but the .NET SDK, so this reads the subset of the layout the docs use and
// refuses anything else with an error that names the file and line, rather than writing thin help.
#nullable enable

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ConvertMarkdownHelp : Task
{
    private const int TextWidth = 80;

    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly string[] CommandSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly string[] RequiredCommandSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "OUTPUTS" };

    /// <summary>Cmdlet pages (Verb-Noun.md).</summary>
    [Required]
    public ITaskItem[] CommandPages { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>About topics (about_Topic.md).</summary>
    public ITaskItem[] AboutPages { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The MAML file to write, e.g. obj/help/en-US/TensorOne.PowerShell.dll-Help.xml.</summary>
    [Required]
    public string MamlFile { get; set; } = "";

    /// <summary>Where about_Topic.help.txt files are written.</summary>
    [Required]
    public string AboutDirectory { get; set; } = "";

    public override bool Execute()
    {
        var commands = new List<XElement>();
        foreach (var page in CommandPages.OrderBy(p => p.ItemSpec, StringComparer.OrdinalIgnoreCase))
        {
            var path = page.GetMetadata("FullPath");
            try
            {
                commands.Add(CommandPage.Parse(path).ToMaml());
            }
            catch (HelpSourceException ex)
            {
                Log.LogError(null, "T1HELP", null, ex.File, ex.Line, 0, 0, 0, ex.Message);
            }
        }

        var abouts = new List<(string Path, string Text)>();
        foreach (var page in AboutPages)
        {
            var path = page.GetMetadata("FullPath");
            try
            {
                abouts.Add((Path.Combine(AboutDirectory, Path.GetFileNameWithoutExtension(path) + ".help.txt"), AboutPage.Render(path)));
            }
            catch (HelpSourceException ex)
            {
                Log.LogError(null, "T1HELP", null, ex.File, ex.Line, 0, 0, 0, ex.Message);
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var maml = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(MamlFile))!);
        using (var writer = XmlWriter.Create(MamlFile, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            maml.Save(writer);
        }

        Directory.CreateDirectory(AboutDirectory);
        foreach (var (path, text) in abouts)
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        Log.LogMessage(MessageImportance.Normal, $"Help: {commands.Count} cmdlets to {MamlFile}, {abouts.Count} about topics to {AboutDirectory}.");
        return true;
    }

    /// <summary>A cmdlet page: the platyPS sections, read into what MAML needs.</summary>
    private sealed class CommandPage
    {
        private readonly MarkdownSource _source;
        private readonly Dictionary<string, Section> _sections;

        private CommandPage(MarkdownSource source, string name, Dictionary<string, Section> sections)
        {
            _source = source;
            Name = name;
            _sections = sections;
        }

        public string Name { get; }

        public static CommandPage Parse(string path)
        {
            var source = MarkdownSource.Read(path);
            var blocks = source.Blocks;
            var title = blocks.FirstOrDefault();
            if (title is not { Kind: BlockKind.Heading, Level: 1 })
            {
                throw source.Error(title?.Line ?? 1, "A cmdlet page starts with '# Verb-Noun'.");
            }

            var expected = Path.GetFileNameWithoutExtension(path);
            if (!string.Equals(title.Text, expected, StringComparison.Ordinal))
            {
                throw source.Error(title.Line, $"The title '{title.Text}' does not match the file name '{expected}'.");
            }

            var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
            Section? current = null;
            foreach (var block in blocks.Skip(1))
            {
                if (block.Kind == BlockKind.Heading && block.Level <= 2)
                {
                    var heading = block.Text.ToUpperInvariant();
                    if (block.Level == 1 || !CommandSections.Contains(heading))
                    {
                        throw source.Error(block.Line, $"Unexpected heading '{block.Text}'; a cmdlet page has the sections {string.Join(", ", CommandSections)}.");
                    }

                    if (sections.ContainsKey(heading))
                    {
                        throw source.Error(block.Line, $"The section '{heading}' appears twice.");
                    }

                    current = new Section(heading, block.Line);
                    sections.Add(heading, current);
                    continue;
                }

                if (current is null)
                {
                    throw source.Error(block.Line, "Text before the first section.");
                }

                current.Add(block);
            }

            foreach (var required in RequiredCommandSections)
            {
                if (!sections.TryGetValue(required, out var section) || section.IsEmpty)
                {
                    throw source.Error(title.Line, $"The section '## {required}' is missing or empty.");
                }
            }

            return new CommandPage(source, title.Text, sections);
        }

        public XElement ToMaml()
        {
            var dash = Name.IndexOf('-');
            if (dash <= 0 || dash == Name.Length - 1)
            {
                throw _source.Error(1, $"'{Name}' is not a Verb-Noun name.");
            }

            var parameters = ReadParameters();
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", Name),
                    new XElement(Command + "verb", Name.Substring(0, dash)),
                    new XElement(Command + "noun", Name.Substring(dash + 1)),
                    new XElement(Maml + "description", Paragraphs(_sections["SYNOPSIS"].Body))),
                new XElement(Maml + "description", Paragraphs(_sections["DESCRIPTION"].Body)),
                Syntax(parameters),
                new XElement(Command + "parameters", parameters.Select(p => p.ToMaml(null))),
                Types("INPUTS", Command + "inputTypes", Command + "inputType"),
                Types("OUTPUTS", Command + "returnValues", Command + "returnValue"),
                _sections.TryGetValue("NOTES", out var notes) && !notes.IsEmpty
                    ? new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(notes.Body)))
                    : null,
                Examples(),
                RelatedLinks());
        }

        private List<ParameterDoc> ReadParameters()
        {
            var result = new List<ParameterDoc>();
            foreach (var sub in _sections["PARAMETERS"].Subsections)
            {
                if (string.Equals(sub.Title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!sub.Title.StartsWith("-", StringComparison.Ordinal) || sub.Title.Length < 2)
                {
                    throw _source.Error(sub.Line, $"A parameter heading is '### -Name', not '### {sub.Title}'.");
                }

                var name = sub.Title.Substring(1);
                if (result.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw _source.Error(sub.Line, $"The parameter '-{name}' is documented twice.");
                }

                var text = sub.Body.Where(b => b.Kind != BlockKind.Code).ToList();
                var yaml = sub.Body.Where(b => b.Kind == BlockKind.Code).ToList();
                if (text.Count == 0)
                {
                    throw _source.Error(sub.Line, $"The parameter '-{name}' has no description.");
                }

                if (yaml.Count == 0 || yaml.Any(y => !string.Equals(y.Language, "yaml", StringComparison.OrdinalIgnoreCase)))
                {
                    throw _source.Error(sub.Line, $"The parameter '-{name}' needs a ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
                }

                result.Add(new ParameterDoc(name, Paragraphs(text), yaml.Select(y => ParameterProperties.Parse(_source, y)).ToList()));
            }

            if (result.Count == 0 && !_sections["PARAMETERS"].Subsections.Any())
            {
                throw _source.Error(_sections["PARAMETERS"].Line, "The PARAMETERS section lists no parameter (not even ### CommonParameters).");
            }

            return result;
        }

        private XElement? Syntax(List<ParameterDoc> parameters)
        {
            if (!_sections.TryGetValue("SYNTAX", out var section) || section.IsEmpty)
            {
                return null;
            }

            // Either one code block (one parameter set) or '### SetName' / '### SetName (Default)' headings, each with one.
            var sets = new List<(string Set, Block Code)>();
            foreach (var code in section.Body.Where(b => b.Kind == BlockKind.Code))
            {
                sets.Add(("__AllParameterSets", code));
            }

            foreach (var sub in section.Subsections)
            {
                var code = sub.Body.FirstOrDefault(b => b.Kind == BlockKind.Code)
                    ?? throw _source.Error(sub.Line, $"The syntax of the parameter set '{sub.Title}' has no code block.");
                sets.Add((Regex.Replace(sub.Title, @"\s*\(Default\)\s*$", ""), code));
            }

            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var items = new List<XElement>();
            foreach (var (set, code) in sets)
            {
                var line = code.Text.Trim();
                if (!line.StartsWith(Name + " ", StringComparison.Ordinal) && line != Name)
                {
                    throw _source.Error(code.Line, $"A syntax line starts with the cmdlet name '{Name}'.");
                }

                var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", Name));
                foreach (Match match in Regex.Matches(line, @"(?<=[\s\[])-(?<name>[A-Za-z][A-Za-z0-9]*)"))
                {
                    var name = match.Groups["name"].Value;
                    var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw _source.Error(code.Line, $"The syntax names '-{name}', which the PARAMETERS section does not document.");
                    used.Add(parameter.Name);
                    item.Add(parameter.ToMaml(set));
                }

                items.Add(item);
            }

            var missing = parameters.FirstOrDefault(p => !used.Contains(p.Name));
            if (missing is not null)
            {
                throw _source.Error(section.Line, $"The parameter '-{missing.Name}' is documented but appears in no syntax line.");
            }

            return new XElement(Command + "syntax", items);
        }

        private XElement? Types(string sectionName, XName listName, XName itemName)
        {
            if (!_sections.TryGetValue(sectionName, out var section) || section.IsEmpty)
            {
                return null;
            }

            if (!section.Subsections.Any())
            {
                throw _source.Error(section.Line, $"{sectionName} lists each type under its own '### TypeName' heading.");
            }

            return new XElement(listName, section.Subsections.Select(sub => new XElement(itemName,
                new XElement(Dev + "type", new XElement(Maml + "name", sub.Title), new XElement(Maml + "uri")),
                new XElement(Maml + "description", Paragraphs(sub.Body)))));
        }

        private XElement Examples()
        {
            var section = _sections["EXAMPLES"];
            var examples = new List<XElement>();
            foreach (var sub in section.Subsections)
            {
                var code = sub.Body.Where(b => b.Kind == BlockKind.Code).Select(b => b.Text).ToList();
                var remarks = sub.Body.Where(b => b.Kind != BlockKind.Code).ToList();
                if (code.Count == 0)
                {
                    throw _source.Error(sub.Line, $"The example '{sub.Title}' has no code block.");
                }

                if (remarks.Count == 0)
                {
                    throw _source.Error(sub.Line, $"The example '{sub.Title}' does not say what it does.");
                }

                examples.Add(new XElement(Command + "example",
                    new XElement(Maml + "title", "--------- " + sub.Title + " ---------"),
                    new XElement(Dev + "code", string.Join("\n\n", code)),
                    // The empty paragraph is the blank line Get-Help otherwise leaves out before the next example.
                    new XElement(Dev + "remarks", Paragraphs(remarks), new XElement(Maml + "para"))));
            }

            if (examples.Count == 0)
            {
                throw _source.Error(section.Line, "EXAMPLES holds no '### Example' heading.");
            }

            return new XElement(Command + "examples", examples);
        }

        private XElement? RelatedLinks()
        {
            if (!_sections.TryGetValue("RELATED LINKS", out var section) || section.IsEmpty)
            {
                return null;
            }

            var links = new List<XElement>();
            foreach (var block in section.Body.Where(b => b.Kind != BlockKind.Code))
            {
                foreach (Match match in Regex.Matches(block.Text, @"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)"))
                {
                    var uri = match.Groups["uri"].Value;
                    // Links to sibling pages (Get-T1Cluster.md) name a command; Get-Help shows the text.
                    links.Add(new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", match.Groups["text"].Value),
                        new XElement(Maml + "uri", Uri.IsWellFormedUriString(uri, UriKind.Absolute) ? uri : "")));
                }
            }

            return new XElement(Command + "relatedLinks", links);
        }
    }

    /// <summary>A parameter's description and its property blocks (one per parameter set where they differ).</summary>
    private sealed class ParameterDoc
    {
        private readonly IReadOnlyList<XElement> _description;
        private readonly IReadOnlyList<ParameterProperties> _properties;

        public ParameterDoc(string name, IReadOnlyList<XElement> description, IReadOnlyList<ParameterProperties> properties)
        {
            Name = name;
            _description = description;
            _properties = properties;
        }

        public string Name { get; }

        /// <summary>The MAML parameter; <paramref name="set"/> picks the properties of one parameter set (syntax items).</summary>
        public XElement ToMaml(string? set)
        {
            var p = (set is null ? null : _properties.FirstOrDefault(x => x.AppliesTo(set))) ?? _properties[0];
            var isSwitch = string.Equals(p.Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);
            return new XElement(Command + "parameter",
                new XAttribute("required", p.Required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", p.Wildcards ? "true" : "false"),
                new XAttribute("pipelineInput", p.PipelineInput),
                new XAttribute("position", p.Position),
                new XAttribute("aliases", p.Aliases),
                new XElement(Maml + "name", Name),
                new XElement(Maml + "description", _description.Select(e => new XElement(e))),
                p.AcceptedValues.Count > 0
                    ? new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                        new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                    : null,
                isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.Type),
                new XElement(Dev + "type", new XElement(Maml + "name", p.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", p.DefaultValue));
        }
    }

    /// <summary>A parameter's ```yaml block, as platyPS writes it.</summary>
    private sealed class ParameterProperties
    {
        private static readonly string[] Keys = { "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

        private readonly IReadOnlyList<string> _sets;

        private ParameterProperties(Dictionary<string, string> values, IReadOnlyList<string> sets)
        {
            _sets = sets;
            Type = values["Type"];
            Aliases = values.TryGetValue("Aliases", out var aliases) && aliases.Length > 0 ? aliases : "none";
            AcceptedValues = values.TryGetValue("Accepted values", out var accepted) && accepted.Length > 0
                ? accepted.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
                : new List<string>();
            Required = bool.Parse(values["Required"]);
            Position = values["Position"];
            DefaultValue = values.TryGetValue("Default value", out var value) && value.Length > 0 ? value : "None";
            PipelineInput = values["Accept pipeline input"];
            Wildcards = bool.Parse(values["Accept wildcard characters"]);
        }

        public string Type { get; }

        public string Aliases { get; }

        public IReadOnlyList<string> AcceptedValues { get; }

        public bool Required { get; }

        /// <summary>"named" or a number, as MAML spells it.</summary>
        public string Position { get; }

        public string DefaultValue { get; }

        public string PipelineInput { get; }

        public bool Wildcards { get; }

        public bool AppliesTo(string set) =>
            _sets.Any(s => s == "(All)" || string.Equals(s, set, StringComparison.OrdinalIgnoreCase)) || set == "__AllParameterSets";

        public static ParameterProperties Parse(MarkdownSource source, Block yaml)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var lines = yaml.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var colon = line.IndexOf(':');
                var key = colon < 0 ? line : line.Substring(0, colon).Trim();
                if (colon < 0 || !Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw source.Error(yaml.Line + 1 + i, $"'{line}' is not a platyPS parameter property ({string.Join(", ", Keys)}).");
                }

                values[key] = line.Substring(colon + 1).Trim();
            }

            foreach (var required in new[] { "Type", "Parameter Sets", "Required", "Position", "Accept pipeline input", "Accept wildcard characters" })
            {
                if (!values.TryGetValue(required, out var value) || value.Length == 0)
                {
                    throw source.Error(yaml.Line, $"The parameter's yaml block lacks '{required}:'.");
                }
            }

            foreach (var flag in new[] { "Required", "Accept wildcard characters" })
            {
                if (!bool.TryParse(values[flag], out _))
                {
                    throw source.Error(yaml.Line, $"'{flag}:' is True or False, not '{values[flag]}'.");
                }
            }

            var position = values["Position"];
            if (!string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw source.Error(yaml.Line, $"'Position:' is Named or a number, not '{position}'.");
            }

            values["Position"] = string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase) ? "named" : position;
            var pipeline = values["Accept pipeline input"];
            if (!Regex.IsMatch(pipeline, @"^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$"))
            {
                throw source.Error(yaml.Line, $"'Accept pipeline input:' is False or True (ByPropertyName, ByValue), not '{pipeline}'.");
            }

            var sets = values["Parameter Sets"].Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            return new ParameterProperties(values, sets);
        }
    }

    /// <summary>An about topic: markdown headings become the upper-case section names Get-Help expects.</summary>
    private static class AboutPage
    {
        public static string Render(string path)
        {
            var source = MarkdownSource.Read(path);
            var blocks = source.Blocks;
            var title = blocks.FirstOrDefault();
            var topic = Path.GetFileNameWithoutExtension(path);
            if (title is not { Kind: BlockKind.Heading, Level: 1 } || !string.Equals(title.Text, topic, StringComparison.Ordinal))
            {
                throw source.Error(title?.Line ?? 1, $"An about page starts with '# {topic}'.");
            }

            var rest = blocks.Skip(1).ToList();
            // platyPS's template repeats the title as '## about_Topic'; it says nothing more.
            if (rest.FirstOrDefault() is { Kind: BlockKind.Heading } repeated && repeated.Text == topic)
            {
                rest.RemoveAt(0);
            }

            var sectionLevel = rest.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Level ?? 0;
            var first = rest.FirstOrDefault();
            if (first is not { Kind: BlockKind.Heading } || !string.Equals(first.Text, "SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase))
            {
                // Get-Help takes an about topic's synopsis from the text under SHORT DESCRIPTION.
                throw source.Error(first?.Line ?? title.Line, "An about page's first section is 'Short description'.");
            }

            // The layout Get-Help expects: it takes the synopsis from the fifth line, the one under SHORT DESCRIPTION, so that paragraph is never wrapped.
            var text = new StringBuilder();
            text.Append("TOPIC\n    ").Append(topic).Append('\n');
            Block? previous = null;
            foreach (var block in rest)
            {
                var separate = previous is not null
                    && previous.Kind != BlockKind.Heading
                    && !(previous.Kind == BlockKind.ListItem && block.Kind == BlockKind.ListItem);
                switch (block.Kind)
                {
                    case BlockKind.Heading when block.Level <= sectionLevel:
                        text.Append('\n').Append(block.Text.ToUpperInvariant()).Append('\n');
                        break;
                    case BlockKind.Heading:
                        text.Append('\n').Append("  ").Append(block.Text).Append('\n');
                        break;
                    case BlockKind.Code:
                        text.Append(separate ? "\n" : "");
                        foreach (var line in block.Text.Split('\n'))
                        {
                            text.Append(line.Length == 0 ? "" : "        " + line).Append('\n');
                        }

                        break;
                    case BlockKind.ListItem:
                        text.Append(separate ? "\n" : "").Append(Wrap(Inline.Clean(block.Text), "    - ", "      "));
                        break;
                    default:
                        text.Append(separate ? "\n" : "").Append(previous == first ? "    " + Inline.Clean(block.Text) + "\n" : Wrap(Inline.Clean(block.Text), "    ", "    "));
                        break;
                }

                previous = block;
            }

            return text.ToString();
        }

        private static string Wrap(string paragraph, string firstIndent, string indent)
        {
            var result = new StringBuilder();
            var line = new StringBuilder(firstIndent);
            var lineHasWord = false;
            foreach (var word in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (lineHasWord && line.Length + 1 + word.Length > TextWidth)
                {
                    result.Append(line).Append('\n');
                    line.Clear().Append(indent);
                    lineHasWord = false;
                }

                line.Append(lineHasWord ? " " : "").Append(word);
                lineHasWord = true;
            }

            return result.Append(line).Append('\n').ToString();
        }
    }

    /// <summary>Text blocks as MAML paragraphs: one per paragraph or list item, code kept verbatim.</summary>
    private static IReadOnlyList<XElement> Paragraphs(IEnumerable<Block> blocks) =>
        blocks.Where(b => b.Kind != BlockKind.Heading)
            .Select(b => new XElement(Maml + "para", b.Kind switch
            {
                BlockKind.Code => b.Text,
                BlockKind.ListItem => "- " + Inline.Clean(b.Text),
                _ => Inline.Clean(b.Text),
            }))
            .ToList();

    /// <summary>Markdown inline syntax that reads badly in a console: link targets, code ticks, emphasis.</summary>
    private static class Inline
    {
        public static string Clean(string text)
        {
            // Code spans are kept verbatim (only their ticks go): '-Debug shows Bearer ***' must survive.
            var parts = Regex.Split(text, @"(`[^`]+`)");
            var result = new StringBuilder();
            foreach (var part in parts)
            {
                result.Append(part.Length > 1 && part[0] == '`' && part[part.Length - 1] == '`'
                    ? part.Substring(1, part.Length - 2)
                    : Prose(part));
            }

            return result.ToString();
        }

        private static string Prose(string text)
        {
            text = Regex.Replace(text, @"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)", m =>
                m.Groups["uri"].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                    ? m.Groups["text"].Value + " (" + m.Groups["uri"].Value + ")"
                    : m.Groups["text"].Value);
            text = Regex.Replace(text, @"\*\*(?=\S)(?<text>.+?)(?<=\S)\*\*", "${text}");
            return Regex.Replace(text, @"\\([\\`*_{}\[\]()#+\-.!<>])", "$1");
        }
    }

    /// <summary>One H2 section of a cmdlet page: its own blocks and its H3 subsections.</summary>
    private sealed class Section
    {
        private readonly List<Block> _body = new();
        private readonly List<Subsection> _subsections = new();

        public Section(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        public int Line { get; }

        /// <summary>Blocks before the first H3.</summary>
        public IReadOnlyList<Block> Body => _body;

        public IReadOnlyList<Subsection> Subsections => _subsections;

        public bool IsEmpty => _body.Count == 0 && _subsections.Count == 0;

        public void Add(Block block)
        {
            if (block.Kind == BlockKind.Heading)
            {
                _subsections.Add(new Subsection(block.Text, block.Line));
            }
            else if (_subsections.Count > 0)
            {
                _subsections[_subsections.Count - 1].Body.Add(block);
            }
            else
            {
                _body.Add(block);
            }
        }
    }

    private sealed class Subsection(string title, int line)
    {
        public string Title { get; } = title;

        public int Line { get; } = line;

        public List<Block> Body { get; } = new();
    }

    private enum BlockKind
    {
        Heading,
        Paragraph,
        ListItem,
        Code,
    }

    private sealed class Block(BlockKind kind, int line, string text, int level = 0, string language = "")
    {
        public BlockKind Kind { get; } = kind;

        /// <summary>1-based line of the block's first line, for error messages.</summary>
        public int Line { get; } = line;

        /// <summary>Headings and paragraphs: one line of text; code: the lines as written.</summary>
        public string Text { get; } = text;

        public int Level { get; } = level;

        public string Language { get; } = language;
    }

    /// <summary>A markdown file as blocks: headings, paragraphs, list items and fenced code. Front matter is skipped.</summary>
    private sealed class MarkdownSource
    {
        private MarkdownSource(string path, IReadOnlyList<Block> blocks)
        {
            Path = path;
            Blocks = blocks;
        }

        public string Path { get; }

        public IReadOnlyList<Block> Blocks { get; }

        public HelpSourceException Error(int line, string message) => new(Path, line, message);

        public static MarkdownSource Read(string path)
        {
            var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            var blocks = new List<Block>();
            var i = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                i = 1;
                while (i < lines.Length && lines[i].Trim() != "---")
                {
                    i++;
                }

                if (i == lines.Length)
                {
                    throw new HelpSourceException(path, 1, "The front matter opened with '---' is never closed.");
                }

                i++;
            }

            var paragraph = new List<string>();
            var paragraphLine = 0;
            var paragraphKind = BlockKind.Paragraph;

            void Flush()
            {
                if (paragraph.Count > 0)
                {
                    blocks.Add(new Block(paragraphKind, paragraphLine, string.Join(" ", paragraph)));
                    paragraph.Clear();
                }
            }

            for (; i < lines.Length; i++)
            {
                var raw = lines[i].TrimEnd();
                var line = raw.Trim();
                if (line.Contains("{{") && line.Contains("}}"))
                {
                    throw new HelpSourceException(path, i + 1, "A platyPS placeholder ({{ ... }}) is left in the text.");
                }

                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    Flush();
                    var start = i;
                    var language = line.Substring(3).Trim();
                    var code = new List<string>();
                    for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                    {
                        code.Add(lines[i].TrimEnd());
                    }

                    if (i == lines.Length)
                    {
                        throw new HelpSourceException(path, start + 1, "A code block is never closed.");
                    }

                    blocks.Add(new Block(BlockKind.Code, start + 1, string.Join("\n", code).Trim('\n'), language: language));
                    continue;
                }

                var heading = Regex.Match(raw, @"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*$");
                if (heading.Success)
                {
                    Flush();
                    blocks.Add(new Block(BlockKind.Heading, i + 1, heading.Groups["text"].Value.Trim(), heading.Groups["hashes"].Length));
                    continue;
                }

                if (line.Length == 0)
                {
                    Flush();
                    continue;
                }

                var item = Regex.Match(raw, @"^[-*]\s+(?<text>.*)$");
                if (item.Success)
                {
                    Flush();
                    paragraphKind = BlockKind.ListItem;
                    paragraphLine = i + 1;
                    paragraph.Add(item.Groups["text"].Value.Trim());
                    continue;
                }

                if (paragraph.Count == 0)
                {
                    paragraphKind = BlockKind.Paragraph;
                    paragraphLine = i + 1;
                }

                paragraph.Add(line);
            }

            Flush();
            return new MarkdownSource(path, blocks);
        }
    }

    private sealed class HelpSourceException(string file, int line, string message) : Exception(message)
    {
        public string File { get; } = file;

        public int Line { get; } = line;
    }
}
