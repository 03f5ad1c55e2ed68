using TensorOne.Client.Wire;

namespace TensorOne.Client.Secrets;

/// <summary>
/// Masks the key in every string a cluster object decoded to. The raw bytes are masked already in
/// every JSON spelling; this is the second line, so no escape form the byte mask misses can reach a
/// name, a phase, an id or a message.
/// </summary>
internal static class WireMask
{
    public static void Apply(ClusterWire wire, SecretMask mask)
    {
        wire.Id = mask.Apply(wire.Id);
        wire.Name = mask.Apply(wire.Name);
        wire.Status = mask.Apply(wire.Status);
        wire.GpuType = mask.Apply(wire.GpuType);
        wire.GpuTypeCamel = mask.Apply(wire.GpuTypeCamel);
        wire.Region = mask.Apply(wire.Region);
        wire.SnapshotId = mask.Apply(wire.SnapshotId);
        wire.StopType = mask.Apply(wire.StopType);
        wire.RestartType = mask.Apply(wire.RestartType);
        wire.RestoredFromSnapshot = mask.Apply(wire.RestoredFromSnapshot);
        wire.DockerImage = mask.Apply(wire.DockerImage);
        wire.RequestId = mask.Apply(wire.RequestId);
        foreach (var progress in new[] { wire.StopProgress, wire.RestartProgress, wire.Progress })
        {
            if (progress is not null)
            {
                progress.Phase = mask.Apply(progress.Phase);
                progress.CurrentStep = mask.Apply(progress.CurrentStep);
                progress.CurrentStepCamel = mask.Apply(progress.CurrentStepCamel);
            }
        }

        if (wire.ProjectInfo is { } project)
        {
            project.ProjectId = mask.Apply(project.ProjectId);
            project.TeamMembers = project.TeamMembers?.Select(mask.Apply).ToList();
        }

        if (wire.SnapshotCreation is { } snapshot)
        {
            snapshot.SnapshotId = mask.Apply(snapshot.SnapshotId);
            snapshot.SnapshotName = mask.Apply(snapshot.SnapshotName);
        }

        if (wire.DataPreservation is { } preservation)
        {
            preservation.VolumesPreserved = preservation.VolumesPreserved?.Select(mask.Apply).ToList();
        }
    }
}
