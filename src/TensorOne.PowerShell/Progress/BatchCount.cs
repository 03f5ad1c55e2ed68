namespace TensorOne.PowerShell.Progress;

/// <summary>How far a batch has come: the clusters in it, and how many have ended each way. The reporter's lock guards it.</summary>
internal sealed class BatchCount
{
    public int Total { get; private set; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    public int Done => Succeeded + Failed;

    /// <summary>A cluster joins; returns its place in the batch.</summary>
    public int Join() => ++Total;

    public void Ended(bool succeeded)
    {
        if (succeeded)
        {
            Succeeded++;
        }
        else
        {
            Failed++;
        }
    }
}
