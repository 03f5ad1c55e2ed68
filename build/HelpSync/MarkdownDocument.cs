namespace TensorOne.HelpSync;

/// <summary>
/// A help page as lines, cut at its '## ' headings (outside code fences), so a generator can replace
/// one section's body and leave every other line exactly as a person wrote it.
/// </summary>
internal sealed class MarkdownDocument
{
    private MarkdownDocument(List<string> head, List<Section> sections)
    {
        Head = head;
        Sections = sections;
    }

    /// <summary>The lines before the first '## ' heading: front matter and the '# Title'.</summary>
    public List<string> Head { get; }

    public List<Section> Sections { get; }

    public static MarkdownDocument Parse(IEnumerable<string> lines)
    {
        var (head, sections) = Cut(lines, "## ");
        return new MarkdownDocument(head, sections);
    }

    /// <summary>Splits a section's body at its '### ' headings: the lines before the first, then each subsection.</summary>
    public static (List<string> Lead, List<Section> Subsections) Split(IEnumerable<string> body) => Cut(body, "### ");

    /// <summary>The section with this heading, created (empty) after the first of <paramref name="after"/> that exists when missing.</summary>
    public Section Ensure(string heading, params string[] after)
    {
        var existing = Find(heading);
        if (existing is not null)
        {
            return existing;
        }

        var created = new Section(heading, new List<string> { "" });
        var anchor = after.Select(Find).LastOrDefault(s => s is not null);
        Sections.Insert(anchor is null ? Sections.Count : Sections.IndexOf(anchor) + 1, created);
        return created;
    }

    public Section? Find(string heading) =>
        Sections.FirstOrDefault(s => string.Equals(s.Heading, heading, StringComparison.OrdinalIgnoreCase));

    public List<string> ToLines()
    {
        var lines = new List<string>(Head);
        foreach (var section in Sections)
        {
            lines.Add("## " + section.Heading);
            lines.AddRange(section.Body);
        }

        return lines;
    }

    /// <summary>Trims blank lines at both ends.</summary>
    public static List<string> Trim(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        while (list.Count > 0 && string.IsNullOrWhiteSpace(list[0]))
        {
            list.RemoveAt(0);
        }

        while (list.Count > 0 && string.IsNullOrWhiteSpace(list[^1]))
        {
            list.RemoveAt(list.Count - 1);
        }

        return list;
    }

    /// <summary>Cuts lines at the headings that start with <paramref name="marker"/>, ignoring any inside code fences.</summary>
    private static (List<string> Lead, List<Section> Sections) Cut(IEnumerable<string> lines, string marker)
    {
        var lead = new List<string>();
        var sections = new List<Section>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith(marker, StringComparison.Ordinal))
            {
                sections.Add(new Section(line.Substring(marker.Length).Trim(), new List<string>()));
            }
            else if (sections.Count == 0)
            {
                lead.Add(line);
            }
            else
            {
                sections[^1].Body.Add(line);
            }
        }

        return (lead, sections);
    }
}

/// <summary>A heading and the lines under it, up to the next heading of its level.</summary>
internal sealed record Section(string Heading, List<string> Body);
