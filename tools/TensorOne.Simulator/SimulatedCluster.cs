using System.Security.Cryptography;
using TensorOne.Simulator.Operations;

namespace TensorOne.Simulator;

/// <summary>
/// One cluster of the simulator. Its status is computed from the clock on every read: an operation in
/// flight settles into its final status as soon as the clock passes its end, with no timer involved.
/// All members are safe to use from several threads.
/// </summary>
public sealed class SimulatedCluster
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private string _settledStatus;
    private DateTimeOffset _runningSince;
    private ClusterOperation? _operation;
    private int _gpuCount = 1;
    private string _region = "us-east-1";
    private string _projectId = "proj_default";
    private IReadOnlyList<string> _teamMembers = ["user_owner"];
    private double _hourlyRate;
    private double _gpuUtilization;
    private double _memoryUtilization;
    private DateTimeOffset _lastAccessed;
    private string _dockerImage = "tensorone/pytorch:2.4.0-cuda12.4";
    private string? _snapshotId;
    private string? _lastStopRequestBody;
    private string? _lastRestartRequestBody;
    private int _committedStops;
    private int _committedRestarts;

    // The cluster's life just before each recent write, for reads that lag the writes (a replica).
    private readonly List<Lifecycle> _beforeWrites = new();

    internal SimulatedCluster(
        long sequence,
        string id,
        string name,
        string status,
        string gpuType,
        double hourlyRate,
        double gpuUtilization,
        DateTimeOffset createdAt,
        DateTimeOffset lastAccessed,
        TimeProvider clock)
    {
        Sequence = sequence;
        Id = id;
        Name = name;
        GpuType = gpuType;
        CreatedAt = createdAt;
        _clock = clock;
        _settledStatus = status;
        _runningSince = createdAt;
        _hourlyRate = hourlyRate;
        _gpuUtilization = gpuUtilization;
        _memoryUtilization = Math.Min(100, gpuUtilization * 0.8);
        _lastAccessed = lastAccessed;
    }

    public string Id { get; }

    public string Name { get; }

    public string GpuType { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The status right now, as a GET would report it.</summary>
    public string Status
    {
        get
        {
            var now = _clock.GetUtcNow();
            lock (_gate)
            {
                return CaptureLocked(now).Status;
            }
        }
    }

    public int GpuCount
    {
        get { lock (_gate) { return _gpuCount; } }
        set { lock (_gate) { _gpuCount = value; } }
    }

    public string Region
    {
        get { lock (_gate) { return _region; } }
        set { lock (_gate) { _region = value; } }
    }

    public string ProjectId
    {
        get { lock (_gate) { return _projectId; } }
        set { lock (_gate) { _projectId = value; } }
    }

    public IReadOnlyList<string> TeamMembers
    {
        get { lock (_gate) { return _teamMembers; } }
        set { lock (_gate) { _teamMembers = [.. value]; } }
    }

    public double HourlyRate
    {
        get { lock (_gate) { return _hourlyRate; } }
        set { lock (_gate) { _hourlyRate = value; } }
    }

    public double GpuUtilization
    {
        get { lock (_gate) { return _gpuUtilization; } }
        set { lock (_gate) { _gpuUtilization = value; } }
    }

    public double MemoryUtilization
    {
        get { lock (_gate) { return _memoryUtilization; } }
        set { lock (_gate) { _memoryUtilization = value; } }
    }

    public DateTimeOffset LastAccessed
    {
        get { lock (_gate) { return _lastAccessed; } }
        set { lock (_gate) { _lastAccessed = value; } }
    }

    public string DockerImage
    {
        get { lock (_gate) { return _dockerImage; } }
        set { lock (_gate) { _dockerImage = value; } }
    }

    /// <summary>The snapshot taken by the last accepted stop that asked for one.</summary>
    public string? SnapshotId
    {
        get { lock (_gate) { return _snapshotId; } }
    }

    /// <summary>Body text of the last stop request this cluster accepted.</summary>
    public string? LastStopRequestBody
    {
        get { lock (_gate) { return _lastStopRequestBody; } }
    }

    /// <summary>Body text of the last restart request this cluster accepted.</summary>
    public string? LastRestartRequestBody
    {
        get { lock (_gate) { return _lastRestartRequestBody; } }
    }

    public int CommittedStops
    {
        get { lock (_gate) { return _committedStops; } }
    }

    public int CommittedRestarts
    {
        get { lock (_gate) { return _committedRestarts; } }
    }

    internal long Sequence { get; }

    /// <summary>
    /// Puts the cluster in <paramref name="status"/> at once, abandoning any operation in flight; for
    /// tests that need, say, a cluster that fell into <c>error</c> mid-run.
    /// </summary>
    public void SetStatus(string status)
    {
        if (!ClusterStatus.IsKnown(status))
        {
            throw new ArgumentException($"Unknown cluster status '{status}'.", nameof(status));
        }

        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            NoteWriteLocked(now);
            _operation = null;
            _settledStatus = status;
            _runningSince = now;
        }
    }

    internal ClusterView Capture(DateTimeOffset now)
    {
        lock (_gate)
        {
            return CaptureLocked(now);
        }
    }

    /// <summary>
    /// The cluster as a replica that lags the writes by <paramref name="lag"/> serves it: writes made in
    /// the last <paramref name="lag"/> have not reached it yet, so it shows the cluster as it would be
    /// now without them. Writes themselves always act on the current state.
    /// </summary>
    internal ClusterView CaptureLagging(DateTimeOffset now, TimeSpan lag)
    {
        lock (_gate)
        {
            var view = CaptureLocked(now);
            var unseen = lag > TimeSpan.Zero ? _beforeWrites.Find(before => before.ChangedAt > now - lag) : null;
            return unseen is null ? view : ViewOf(unseen.SettledAt(now), now);
        }
    }

    internal OperationAttempt TryBeginStop(StopCommand command, DateTimeOffset now)
    {
        lock (_gate)
        {
            var before = CaptureLocked(now);
            if (!before.IsRunning)
            {
                return new OperationAttempt(before, null);
            }

            NoteWriteLocked(now);
            var phases = OperationPhases.ForStop(command.Immediate, command.SnapshotId is not null);
            _operation = new ClusterOperation(OperationKind.Stop, now, command.PhaseDuration, phases, ClusterStatus.Stopping);
            _snapshotId = command.SnapshotId ?? _snapshotId;
            _lastStopRequestBody = command.RequestBody;
            _committedStops++;
            return new OperationAttempt(before, _operation);
        }
    }

    internal OperationAttempt TryBeginRestart(RestartCommand command, DateTimeOffset now)
    {
        lock (_gate)
        {
            var before = CaptureLocked(now);
            if (before.Status is not (ClusterStatus.Running or ClusterStatus.Stopped or ClusterStatus.Error))
            {
                return new OperationAttempt(before, null);
            }

            NoteWriteLocked(now);
            var fromStopped = before.Status == ClusterStatus.Stopped;
            var phases = OperationPhases.ForRestart(
                stopProcesses: !fromStopped && !command.Immediate,
                command.CreateCheckpoint,
                command.AppliesUpdates);
            var inFlightStatus = fromStopped ? ClusterStatus.Starting : ClusterStatus.Restarting;
            _operation = new ClusterOperation(OperationKind.Restart, now, command.PhaseDuration, phases, inFlightStatus);
            _dockerImage = command.DockerImage ?? _dockerImage;
            _lastRestartRequestBody = command.RequestBody;
            _committedRestarts++;
            return new OperationAttempt(before, _operation);
        }
    }

    internal static string NewSnapshotId() => "snap_" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    private ClusterView CaptureLocked(DateTimeOffset now)
    {
        SettleLocked(now);
        return ViewOf(new Lifecycle(now, _settledStatus, _runningSince, _operation), now);
    }

    private void NoteWriteLocked(DateTimeOffset now)
    {
        SettleLocked(now);
        _beforeWrites.Add(new Lifecycle(now, _settledStatus, _runningSince, _operation));
        if (_beforeWrites.Count > 16)
        {
            _beforeWrites.RemoveAt(0);
        }
    }

    private ClusterView ViewOf(Lifecycle life, DateTimeOffset now)
    {
        var status = life.Operation?.InFlightStatus ?? life.SettledStatus;
        var operation = life.Operation;
        var runningSince = life.RunningSince;
        return new ClusterView
        {
            Sequence = Sequence,
            Id = Id,
            Name = Name,
            Status = status,
            GpuType = GpuType,
            GpuCount = _gpuCount,
            Region = _region,
            ProjectId = _projectId,
            TeamMembers = _teamMembers,
            HourlyRate = _hourlyRate,
            GpuUtilization = status == ClusterStatus.Running ? _gpuUtilization : 0,
            MemoryUtilization = status == ClusterStatus.Running ? _memoryUtilization : 0,
            CreatedAt = CreatedAt,
            LastAccessed = _lastAccessed,
            Uptime = status == ClusterStatus.Running && now > runningSince ? now - runningSince : TimeSpan.Zero,
            RunningSince = status == ClusterStatus.Running ? runningSince : null,
            ContainerDiskSizeGb = 50,
            VolumeSizeGb = 100 * _gpuCount,
            DockerImage = _dockerImage,
            SnapshotId = _snapshotId,
            Operation = operation,
            Progress = operation?.ProgressAt(now),
        };
    }

    // Lazily moves a finished operation into the settled status; this is the whole state machine's clock.
    private void SettleLocked(DateTimeOffset now)
    {
        if (_operation is not { } operation || !operation.IsCompleteAt(now))
        {
            return;
        }

        _settledStatus = operation.FinalStatus;
        if (operation.FinalStatus == ClusterStatus.Running)
        {
            _runningSince = operation.CompletesAt;
        }

        _operation = null;
    }

    /// <summary>What a cluster's status depends on, at the moment it last changed.</summary>
    private sealed record Lifecycle(DateTimeOffset ChangedAt, string SettledStatus, DateTimeOffset RunningSince, ClusterOperation? Operation)
    {
        /// <summary>The same life at <paramref name="now"/>, with an operation that has finished by then settled.</summary>
        public Lifecycle SettledAt(DateTimeOffset now) => Operation is { } operation && operation.IsCompleteAt(now)
            ? this with
            {
                SettledStatus = operation.FinalStatus,
                RunningSince = operation.FinalStatus == ClusterStatus.Running ? operation.CompletesAt : RunningSince,
                Operation = null,
            }
            : this;
    }
}
