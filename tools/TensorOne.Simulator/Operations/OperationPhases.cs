namespace TensorOne.Simulator.Operations;

/// <summary>The phase tables of the stop and restart reference pages, and which ones a request goes through.</summary>
internal static class OperationPhases
{
    public static readonly OperationPhase NotifyingProcesses = new("notifying_processes", "Sending SIGTERM to running processes");
    public static readonly OperationPhase WaitingForGracefulExit = new("waiting_for_graceful_exit", "Waiting for processes to exit cleanly");
    public static readonly OperationPhase CreatingSnapshot = new("creating_snapshot", "Creating state snapshot");
    public static readonly OperationPhase TerminatingResources = new("terminating_resources", "Releasing GPU and compute resources");
    public static readonly OperationPhase CleaningUp = new("cleaning_up", "Running final cleanup and state updates");
    public static readonly OperationPhase StopCompleted = new("completed", "Stop operation finished");

    public static readonly OperationPhase StoppingProcesses = new("stopping_processes", "Gracefully stopping running processes");
    public static readonly OperationPhase CreatingCheckpoint = new("creating_checkpoint", "Creating state checkpoint");
    public static readonly OperationPhase UpdatingConfiguration = new("updating_configuration", "Applying configuration and software updates");
    public static readonly OperationPhase StartingServices = new("starting_services", "Starting system services and Docker containers");
    public static readonly OperationPhase HealthChecks = new("health_checks", "Running health checks and validation");
    public static readonly OperationPhase RestartReady = new("ready", "Cluster is fully operational");

    /// <summary>An immediate stop has no one to wait for, so it skips the two graceful phases.</summary>
    public static IReadOnlyList<OperationPhase> ForStop(bool immediate, bool createSnapshot)
    {
        var phases = new List<OperationPhase>(5);
        if (!immediate)
        {
            phases.Add(NotifyingProcesses);
            phases.Add(WaitingForGracefulExit);
        }

        if (createSnapshot)
        {
            phases.Add(CreatingSnapshot);
        }

        phases.Add(TerminatingResources);
        phases.Add(CleaningUp);
        return phases;
    }

    /// <summary>
    /// A stopped cluster has no processes to stop, and a forced restart does not wait for them, so
    /// both skip <c>stopping_processes</c>.
    /// </summary>
    public static IReadOnlyList<OperationPhase> ForRestart(bool stopProcesses, bool createCheckpoint, bool applyUpdates)
    {
        var phases = new List<OperationPhase>(5);
        if (stopProcesses)
        {
            phases.Add(StoppingProcesses);
        }

        if (createCheckpoint)
        {
            phases.Add(CreatingCheckpoint);
        }

        if (applyUpdates)
        {
            phases.Add(UpdatingConfiguration);
        }

        phases.Add(StartingServices);
        phases.Add(HealthChecks);
        return phases;
    }
}
