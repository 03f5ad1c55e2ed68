using System.Management.Automation.Host;

namespace TensorOne.Demo;

/// <summary>
/// Just enough of a console for Out-Default: a width to format tables to, and colors that
/// mean "terminal default". Screen-buffer access is refused because nothing in a demo needs it.
/// </summary>
internal sealed class DemoHostRawUserInterface : PSHostRawUserInterface
{
    // A tall buffer, as pwsh reports, so nothing paginates or truncates output vertically.
    private const int BufferHeight = 9001;

    private readonly ConsoleCapabilities _console;
    private Coordinates _cursorPosition;
    private Coordinates _windowPosition;
    private string _windowTitle = "TensorOne Demo";

    public DemoHostRawUserInterface(ConsoleCapabilities console)
    {
        _console = console;
        ForegroundColor = ReadColor(() => Console.ForegroundColor, ConsoleColor.Gray);
        BackgroundColor = ReadColor(() => Console.BackgroundColor, ConsoleColor.Black);
    }

    public override ConsoleColor ForegroundColor { get; set; }

    public override ConsoleColor BackgroundColor { get; set; }

    public override Size BufferSize
    {
        get => new(_console.Width, BufferHeight);
        set { } // The demo follows the real window; a script cannot resize it.
    }

    public override Coordinates CursorPosition
    {
        get => _cursorPosition;
        set => _cursorPosition = value;
    }

    public override int CursorSize { get; set; } = 25;

    public override Coordinates WindowPosition
    {
        get => _windowPosition;
        set => _windowPosition = value;
    }

    public override Size WindowSize
    {
        get => new(_console.Width, WindowHeight());
        set { }
    }

    public override Size MaxWindowSize => WindowSize;

    public override Size MaxPhysicalWindowSize => WindowSize;

    public override bool KeyAvailable => false;

    public override string WindowTitle
    {
        get => _windowTitle;
        set => _windowTitle = value;
    }

    public override void FlushInputBuffer()
    {
    }

    public override KeyInfo ReadKey(ReadKeyOptions options)
        => throw new DemoHostNotInteractiveException("read a key");

    public override BufferCell[,] GetBufferContents(Rectangle rectangle)
        => throw new NotSupportedException("The TensorOne demo host does not expose the screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        => throw new NotSupportedException("The TensorOne demo host does not expose the screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        => throw new NotSupportedException("The TensorOne demo host does not expose the screen buffer.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        => throw new NotSupportedException("The TensorOne demo host does not expose the screen buffer.");

    private int WindowHeight()
    {
        if (!_console.IsTerminal)
        {
            return 50;
        }

        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 50;
        }
        catch (IOException)
        {
            return 50;
        }
    }

    private static ConsoleColor ReadColor(Func<ConsoleColor> read, ConsoleColor fallback)
    {
        try
        {
            // Unix terminals report their default as (ConsoleColor)-1; pwsh passes that on, so do we.
            return read();
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
