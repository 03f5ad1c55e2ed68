using System.Globalization;

namespace TensorOne.Tools;

/// <summary>
/// The option values the benchmark reads, with one wording for every
/// mistake. Compiled into the tool rather than packaged: it is a tool, not a library.
/// </summary>
internal static class CommandLineValues
{
    public static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    public static int IntOf(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        var option = args[i];
        var text = ValueOf(args, ref i);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{option} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    public static double SecondsOf(IReadOnlyList<string> args, ref int i, double min, double max)
    {
        var option = args[i];
        var text = ValueOf(args, ref i);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < min || seconds > max)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} must be a number of seconds from {1} to {2}, not '{3}'.", option, min, max, text));
        }

        return seconds;
    }
}
