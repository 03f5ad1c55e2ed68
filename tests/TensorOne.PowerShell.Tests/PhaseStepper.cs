using System.Management.Automation;
using Microsoft.Extensions.Time.Testing;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Makes a -Wait deterministic on a busy machine: the simulator runs on a fake clock with long
/// phases, and each time the module reads the clusters the clock moves on by one phase. Every read
/// therefore sees the next phase, however late the module's real-time poll comes.
/// </summary>
internal static class PhaseStepper
{
    /// <summary>Long enough that no phase ends by itself between two reads.</summary>
    public const double PhaseSeconds = 60;

    public static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow);

    /// <summary>Runs <paramref name="script"/>, moving <paramref name="clock"/> one phase on after each read, until the script ends.</summary>
    public static async Task<ScriptResult> RunAsync(Harness h, FakeTimeProvider clock, string script, Dictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new())
        {
            h.Session.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        var (shell, handle) = h.Session.Begin(script);
        using (shell)
        {
            var reads = 0;
            // A guard against a hang only: each step waits for the module's next poll.
            var guard = DateTime.UtcNow.AddMinutes(3);
            while (!handle.IsCompleted)
            {
                var seen = h.State.Requests.Count(r => r.Method == "GET");
                if (seen > reads)
                {
                    reads = seen;
                    clock.Advance(TimeSpan.FromSeconds(PhaseSeconds));
                }

                if (DateTime.UtcNow > guard)
                {
                    shell.Stop();
                    throw new TimeoutException("The script did not end within three minutes.");
                }

                await Task.Delay(20);
            }

            IReadOnlyList<PSObject> output = Array.Empty<PSObject>();
            RuntimeException? terminating = null;
            try
            {
                output = shell.EndInvoke(handle).ToList();
            }
            catch (RuntimeException ex)
            {
                terminating = ex;
            }

            return ScriptResult.Collect(shell, output, terminating, h.Session.Host.Text);
        }
    }
}
