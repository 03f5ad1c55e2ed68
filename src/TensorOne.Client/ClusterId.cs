using System.Text.RegularExpressions;

namespace TensorOne.Client;

/// <summary>
/// Cluster ids go into a URL path. Escaping is not enough (".." survives it and walks the path),
/// so ids are checked against an allow-list before any request is built.
/// </summary>
public static class ClusterId
{
    public const int MaxLength = 128;

    // \A and \z, not ^ and $: '$' also matches before a final line feed, and "id\n" would pass.
    private static readonly Regex AllowedPattern =
        new(@"\A[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant);

    /// <summary>Returns null when <paramref name="id"/> can be a cluster id, else why it cannot.</summary>
    public static string? Explain(string? id)
    {
        if (id is null || id.Length == 0)
        {
            return "The cluster id is empty.";
        }

        if (id.Trim().Length == 0)
        {
            return "The cluster id is only whitespace.";
        }

        if (id.Length > MaxLength)
        {
            return $"The cluster id is longer than {MaxLength} characters.";
        }

        if (id.Contains(".."))
        {
            return $"'{Printable(id)}' is not a valid cluster id: it contains '..'.";
        }

        if (!AllowedPattern.IsMatch(id))
        {
            return $"'{Printable(id)}' is not a valid cluster id: ids start with a letter or digit and contain only letters, digits, '-', '_' and '.'.";
        }

        return null;
    }

    public static bool IsValid(string? id) => Explain(id) is null;

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when the id is not valid.</summary>
    public static string Validate(string? id, string parameterName = "clusterId")
    {
        var problem = Explain(id);
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameterName);
        }

        return id!;
    }

    // Control characters in a message would garble a console or a job log; show them as code points.
    private static string Printable(string id)
    {
        var builder = new System.Text.StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
