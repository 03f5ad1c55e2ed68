namespace TensorOne.Demo;

/// <summary>What the process's standard output can do, decided once at start-up.</summary>
internal sealed class ConsoleCapabilities
{
    // Used whenever there is no window to measure (redirected output, CI), so tables are still readable.
    public const int FallbackWidth = 120;

    private ConsoleCapabilities(bool isTerminal, bool useColor, bool supportsAnsi)
    {
        IsTerminal = isTerminal;
        UseColor = useColor;
        SupportsAnsi = supportsAnsi;
    }

    /// <summary>Standard output is an interactive console rather than a file or pipe.</summary>
    public bool IsTerminal { get; }

    /// <summary>Colors are wanted: a terminal, and the user did not opt out through NO_COLOR.</summary>
    public bool UseColor { get; }

    /// <summary>The terminal understands ANSI escape sequences (needed to redraw progress in place).</summary>
    public bool SupportsAnsi { get; }

    /// <summary>Current window width, read on every call so a resized terminal re-flows the next table.</summary>
    public int Width
    {
        get
        {
            if (!IsTerminal)
            {
                return FallbackWidth;
            }

            try
            {
                int width = Console.WindowWidth;
                return width > 0 ? width : FallbackWidth;
            }
            catch (IOException)
            {
                return FallbackWidth;
            }
        }
    }

    public static ConsoleCapabilities Detect()
    {
        bool isTerminal = !Console.IsOutputRedirected;
        bool useColor = isTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        bool supportsAnsi = isTerminal
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            && (!OperatingSystem.IsWindows() || WindowsVirtualTerminal.TryEnable());
        return new ConsoleCapabilities(isTerminal, useColor, supportsAnsi);
    }
}
