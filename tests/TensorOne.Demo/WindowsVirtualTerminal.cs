using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace TensorOne.Demo;

/// <summary>
/// Old Windows consoles ignore ANSI sequences until asked; pwsh asks too, so the demo
/// renders progress and $PSStyle colors the same way there.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsVirtualTerminal
{
    private const int StdOutputHandle = -11;
    private const uint EnableVirtualTerminalProcessing = 0x0004;

    public static bool TryEnable()
    {
        IntPtr handle = GetStdHandle(StdOutputHandle);
        if (handle == IntPtr.Zero || handle == new IntPtr(-1) || !GetConsoleMode(handle, out uint mode))
        {
            return false;
        }

        return (mode & EnableVirtualTerminalProcessing) != 0
            || SetConsoleMode(handle, mode | EnableVirtualTerminalProcessing);
    }

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern IntPtr GetStdHandle(int nStdHandle);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetConsoleMode(IntPtr hConsoleHandle, out uint lpMode);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool SetConsoleMode(IntPtr hConsoleHandle, uint dwMode);
}
