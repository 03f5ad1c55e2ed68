using System.Globalization;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>What the command says of the API's write budget: before the batch goes out, and at its end.</summary>
public abstract partial class ClusterOperationCmdlet
{
    /// <summary>
    /// With -Verbose, says before the rest of the batch goes out that it will not all fit in the API's
    /// write budget (any thread). Called when the first answer is in and nothing else has been sent, so
    /// the count is exact; and again at the end of the input, for input that came after.
    /// </summary>
    private void SayBudgetIfShort(int queued)
    {
        if (queued <= 0 || Client.WritesLeft is not { } left || left >= queued || Interlocked.Exchange(ref _budgetSaid, 1) == 1)
        {
            return;
        }

        var reset = Client.WriteBudgetResetsAt is { } at ? string.Format(CultureInfo.InvariantCulture, " until {0:u}", at.ToUniversalTime()) : "";
        var text = BudgetWords.WillNotAllFit(Kind, left, reset, queued);
        Pump.Post(() => WriteVerbose(text));
    }

    /// <summary>One warning for the whole batch when the write budget left part of it unsent (pipeline thread).</summary>
    private void SumUpUnsent()
    {
        var notSent = Volatile.Read(ref _notSent);
        if (notSent == 0)
        {
            return;
        }

        var sent = Volatile.Read(ref _attempted) - notSent;
        var ticks = Interlocked.Read(ref _notSentUntilTicks);
        var when = ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero).ToString("u", CultureInfo.InvariantCulture) : "the rate-limit window resets";
        WriteWarning(BudgetWords.UsedUp(Kind, sent, notSent, when));
    }

    private static void InterlockedMax(ref long slot, long value)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref slot);
            if (current >= value)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref slot, value, current) != current);
    }
}
