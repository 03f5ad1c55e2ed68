namespace TensorOne.Demo;

/// <summary>
/// Writes host text to standard output, colored only when the console can show it.
/// Not thread-safe: <see cref="DemoHostUserInterface"/> serializes every call.
/// </summary>
internal sealed class ConsoleWriter
{
    private readonly TextWriter _out;
    private readonly bool _useColor;

    public ConsoleWriter(TextWriter output, bool useColor)
    {
        _out = output;
        _useColor = useColor;
    }

    /// <summary>
    /// False after text that did not end a line (Write-Host -NoNewline); an in-place
    /// progress bar must not be drawn onto the end of such a line.
    /// </summary>
    public bool AtLineStart { get; private set; } = true;

    public void Write(string text, ConsoleColor? foreground = null, ConsoleColor? background = null)
        => Emit(text, foreground, background, endLine: false);

    public void WriteLine(string text, ConsoleColor? foreground = null, ConsoleColor? background = null)
        => Emit(text, foreground, background, endLine: true);

    /// <summary>Terminal control sequences; they move the cursor but are not content.</summary>
    public void WriteControl(string sequence)
    {
        _out.Write(sequence);
        _out.Flush();
    }

    private void Emit(string text, ConsoleColor? foreground, ConsoleColor? background, bool endLine)
    {
        if (text.Length > 0)
        {
            bool colored = ApplyColors(foreground, background);
            _out.Write(text);
            if (colored)
            {
                // Reset before the line break so a background color does not paint the next line.
                Console.ResetColor();
            }
        }

        if (endLine)
        {
            _out.Write(Environment.NewLine);
        }

        _out.Flush();
        if (endLine || text.Length > 0)
        {
            AtLineStart = endLine || text.EndsWith('\n');
        }
    }

    private bool ApplyColors(ConsoleColor? foreground, ConsoleColor? background)
    {
        if (!_useColor)
        {
            return false;
        }

        bool applied = false;
        // On Unix the "terminal default" color reads back as -1, which is not a color to set.
        if (foreground is { } fg && Enum.IsDefined(fg))
        {
            Console.ForegroundColor = fg;
            applied = true;
        }

        if (background is { } bg && Enum.IsDefined(bg))
        {
            Console.BackgroundColor = bg;
            applied = true;
        }

        return applied;
    }
}
