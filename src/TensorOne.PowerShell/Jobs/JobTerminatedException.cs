using System.Management.Automation;

namespace TensorOne.PowerShell.Jobs;

/// <summary>A terminating error inside a job: already on the job's error stream.</summary>
internal sealed class JobTerminatedException : Exception
{
    public JobTerminatedException(ErrorRecord errorRecord)
        : base(errorRecord.Exception?.Message, errorRecord.Exception)
    {
    }
}
