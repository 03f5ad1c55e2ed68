using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace TensorOne.HelpSync;

/// <summary>What a cmdlet's metadata says, in the words of a platyPS page: syntax lines and parameter blocks.</summary>
internal sealed class CommandFacts
{
    private const string AllSets = "__AllParameterSets";

    // Documented once for the module (### CommonParameters), not per parameter.
    private static readonly HashSet<string> Common = new(
        Cmdlet.CommonParameters.Concat(new[] { "UseTransaction" }), StringComparer.OrdinalIgnoreCase);

    public CommandFacts(CmdletInfo command)
    {
        Name = command.Name;
        var sets = command.ParameterSets.OrderByDescending(s => s.IsDefault).ToList();
        Syntax = sets.Select(s => new SyntaxLine(
            s.Name == AllSets ? null : s.Name + (s.IsDefault && sets.Count > 1 ? " (Default)" : ""),
            command.Name + " " + s)).ToList();

        // The order a reader meets the parameters in: as the syntax lists them, default set first.
        var order = Syntax.SelectMany(s => Regex.Matches(s.Text, @"(?<=[\s\[])-(?<name>[A-Za-z][A-Za-z0-9]*)").Select(m => m.Groups["name"].Value))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var defaults = DefaultsOf(command.ImplementingType);
        Parameters = command.Parameters.Values
            .Where(p => !Common.Contains(p.Name))
            .OrderBy(p => order.FindIndex(n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : int.MaxValue)
            .Select(p => new ParameterFacts(p, sets.Select(s => s.Name).ToList(), defaults.TryGetValue(p.Name, out var d) ? d : null))
            .ToList();
        OutputTypes = command.OutputType.Select(t => t.Name).ToList();
    }

    public string Name { get; }

    /// <summary>The full names of the cmdlet's [OutputType]s, which the page's OUTPUTS must list.</summary>
    public IReadOnlyList<string> OutputTypes { get; }

    public IReadOnlyList<SyntaxLine> Syntax { get; }

    public IReadOnlyList<ParameterFacts> Parameters { get; }

    /// <summary>
    /// The value each parameter property holds before binding, where it is one a user can rely on
    /// (not null, not an empty array, not the zero that means "not given").
    /// </summary>
    private static Dictionary<string, string> DefaultsOf(Type cmdlet)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        object instance;
        try
        {
            instance = Activator.CreateInstance(cmdlet)!;
        }
        catch (MissingMethodException)
        {
            return result;
        }

        foreach (var property in cmdlet.GetProperties())
        {
            if (!property.IsDefined(typeof(ParameterAttribute), inherit: true) || !property.CanRead)
            {
                continue;
            }

            var value = property.GetValue(instance);
            var zero = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            if (value is null || value is SwitchParameter || Equals(value, zero) || value is ICollection { Count: 0 })
            {
                continue;
            }

            result[property.Name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }

        (instance as IDisposable)?.Dispose();
        return result;
    }
}

/// <summary>One parameter set's syntax: its '### Title' (none when the cmdlet has one set) and the line.</summary>
internal sealed record SyntaxLine(string? Title, string Text);

/// <summary>One parameter: its ```yaml blocks, one per group of parameter sets where the metadata differs.</summary>
internal sealed class ParameterFacts
{
    public ParameterFacts(ParameterMetadata parameter, IReadOnlyList<string> setOrder, string? actualDefault)
    {
        Name = parameter.Name;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        TypeName = type.Name;
        IsSwitch = parameter.SwitchParameter;
        ActualDefault = actualDefault;
        Aliases = string.Join(", ", parameter.Aliases);
        var validSet = parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        AcceptedValues = validSet is null ? null : string.Join(", ", validSet.ValidValues);
        Wildcards = parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any();

        // Sets with the same Required / Position / pipeline share one block, as platyPS writes them.
        Blocks = parameter.ParameterSets
            .GroupBy(s => (s.Value.IsMandatory, s.Value.Position, s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName))
            .Select(g => new ParameterBlock(
                g.Any(s => s.Key == "__AllParameterSets") ? "(All)" : string.Join(", ", g.Select(s => s.Key).OrderBy(k => IndexOf(setOrder, k))),
                g.Key.IsMandatory,
                g.Key.Position == int.MinValue ? "Named" : g.Key.Position.ToString(CultureInfo.InvariantCulture),
                Pipeline(g.Key.ValueFromPipeline, g.Key.ValueFromPipelineByPropertyName)))
            // Specific sets first: the converter gives a syntax item the first block that applies to its set.
            .OrderBy(b => b.Sets == "(All)")
            .ThenBy(b => IndexOf(setOrder, b.Sets.Split(',')[0].Trim()))
            .ToList();
    }

    public string Name { get; }

    public string TypeName { get; }

    public bool IsSwitch { get; }

    public string Aliases { get; }

    public string? AcceptedValues { get; }

    public bool Wildcards { get; }

    /// <summary>The property's value before binding, when it is a real default (e.g. 32 for -ThrottleLimit).</summary>
    public string? ActualDefault { get; }

    public IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>
    /// The "Default value:" line. Where the code has a real default, the page must start with it; else
    /// the page's own wording stays (e.g. "None (the API's default, 5)"), since only a person knows what
    /// an omitted parameter leaves to the API.
    /// </summary>
    public string DefaultValue(string? written)
    {
        if (IsSwitch)
        {
            return "False";
        }

        if (ActualDefault is not null)
        {
            return written is not null && written.StartsWith(ActualDefault, StringComparison.Ordinal) ? written : ActualDefault;
        }

        return string.IsNullOrWhiteSpace(written) ? "None" : written!;
    }

    public IEnumerable<string> Yaml(string? writtenDefault)
    {
        foreach (var block in Blocks)
        {
            yield return "```yaml";
            yield return "Type: " + TypeName;
            yield return "Parameter Sets: " + block.Sets;
            yield return ("Aliases: " + Aliases).TrimEnd();
            if (AcceptedValues is not null)
            {
                yield return "Accepted values: " + AcceptedValues;
            }

            yield return "";
            yield return "Required: " + (block.Required ? "True" : "False");
            yield return "Position: " + block.Position;
            yield return "Default value: " + DefaultValue(writtenDefault);
            yield return "Accept pipeline input: " + block.Pipeline;
            yield return "Accept wildcard characters: " + (Wildcards ? "True" : "False");
            yield return "```";
            yield return "";
        }
    }

    private static int IndexOf(IReadOnlyList<string> order, string set)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], set, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string Pipeline(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}

/// <summary>The metadata of one parameter in one group of parameter sets.</summary>
internal sealed record ParameterBlock(string Sets, bool Required, string Position, string Pipeline);
