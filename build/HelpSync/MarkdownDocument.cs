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
        var head = new List<string>();
        var sections = new List<Section>();
        foreach (var (line, isHeading) in Scan(lines, "## "))
        {
            if (isHeading)
            {
                sections.Add(new Section(line.Substring(3).Trim(), new List<string>()));
            }
            else if (sections.Count == 0)
            {
                head.Add(line);
            }
            else
            {
                sections[^1].Body.Add(line);
            }
        }

        return new MarkdownDocument(head, sections);
    }

    /// <summary>Splits a section's body at its '### ' headings: the lines before the first, then each subsection.</summary>
    public static (List<string> Lead, List<Section> Subsections) Split(IEnumerable<string> body)
    {
        var lead = new List<string>();
        var subsections = new List<Section>();
        foreach (var (line, isHeading) in Scan(body, "### "))
        {
            if (isHeading)
            {
                subsections.Add(new Section(line.Substring(4).Trim(), new List<string>()));
            }
            else if (subsections.Count == 0)
            {
                lead.Add(line);
            }
            else
            {
                subsections[^1].Body.Add(line);
            }
        }

        return (lead, subsections);
    }

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

    private static IEnumerable<(string Line, bool IsHeading)> Scan(IEnumerable<string> lines, string marker)
    {
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            yield return (line, !inFence && line.StartsWith(marker, StringComparison.Ordinal));
        }
    }
}

/// <summary>A heading and the lines under it, up to the next heading of its level.</summary>
internal sealed record Section(string Heading, List<string> Body);
