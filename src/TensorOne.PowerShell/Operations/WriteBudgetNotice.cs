using System.Globalization;
using TensorOne.Client;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Operations;

/// <summary>What the command says of the API's write budget: before the batch goes out, and at its end.</summary>
internal sealed class WriteBudgetNotice
{
    private readonly ClusterOperationCmdlet _cmdlet;
    private int _notSent;
    private long _notSentUntilTicks;
    private int _said;

    public WriteBudgetNotice(ClusterOperationCmdlet cmdlet) => _cmdlet = cmdlet;

    /// <summary>
    /// With -Verbose, says before the rest of the batch goes out that it will not all fit in the API's
    /// write budget (any thread). Called when the first answer is in and nothing else has been sent, so
    /// the count is exact; and again at the end of the input, for input that came after.
    /// </summary>
    public void SayIfShort(int queued)
    {
        var client = _cmdlet.Client;
        if (queued <= 0 || client.WritesLeft is not { } left || left >= queued || Interlocked.Exchange(ref _said, 1) == 1)
        {
            return;
        }

        var reset = client.WriteBudgetResetsAt is { } at ? string.Format(CultureInfo.InvariantCulture, " until {0:u}", at.ToUniversalTime()) : "";
        var text = BudgetWords.WillNotAllFit(_cmdlet.Kind, left, reset, queued);
        _cmdlet.Pump.Post(() => _cmdlet.WriteVerbose(text));
    }

    /// <summary>
    /// The API's write budget had no room for a request (any thread): its cluster's own error names
    /// the reset, and one warning at the end sums up the batch.
    /// </summary>
    public void CountNotSent(TensorOneRequestFailedException failure)
    {
        Interlocked.Increment(ref _notSent);
        if (failure.RetryAt is { } until)
        {
            InterlockedMax(ref _notSentUntilTicks, until.UtcTicks);
        }
    }

    /// <summary>One warning for the whole batch when the write budget left part of it unsent (pipeline thread).</summary>
    public void SumUpUnsent(int attempted)
    {
        var notSent = Volatile.Read(ref _notSent);
        if (notSent == 0)
        {
            return;
        }

        var sent = attempted - notSent;
        var ticks = Interlocked.Read(ref _notSentUntilTicks);
        var when = ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero).ToString("u", CultureInfo.InvariantCulture) : "the rate-limit window resets";
        _cmdlet.WriteWarning(BudgetWords.UsedUp(_cmdlet.Kind, sent, notSent, when));
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
