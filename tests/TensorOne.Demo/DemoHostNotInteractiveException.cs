using System.Management.Automation;

namespace TensorOne.Demo;

/// <summary>
/// Thrown by every prompting member of the demo host. The demo runs unattended, so a prompt
/// means a cmdlet asked for input under default preferences: that is a module bug to surface,
/// not something to wait on.
/// </summary>
public sealed class DemoHostNotInteractiveException : PSInvalidOperationException
{
    public DemoHostNotInteractiveException(string request)
        : base($"The TensorOne demo host is non-interactive and cannot {request}. "
            + "Pass the value as a parameter instead (for confirmations: -Confirm:$false or -Force).")
    {
    }
}
