using System.Text.RegularExpressions;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Progress as a runbook sees it. The test host is not a console, so the module writes a cluster's
/// progress only when its phase changes, says the milestones on the Verbose stream, and closes every
/// bar it opened.
/// </summary>
public sealed class ProgressTests
{
    private static readonly Regex ParentStatus = new(@"^(\d+) of (\d+) stopped, (\d+) failed$");

    private static readonly string[] StopPhases = ["Notifying processes", "Waiting for exit", "Releasing resources", "Cleaning up"];

    [Fact]
    public async Task A_batch_has_one_parent_bar_that_counts_and_a_child_per_cluster_written_on_phase_changes_only()
    {
        // Phases longer than the polls between them (on the shared fake clock), so every cluster shows every phase.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = WaitTests.PhaseLongerThanPolls);
        var ids = h.State.SeedMany(5, "cluster_prog_");
        var result = h.Run("$ids + 'cluster_missing' | Stop-T1Cluster -Wait -Verbose", new() { ["ids"] = ids.ToArray() });

        Assert.Equal(5, result.Output.Count);
        Assert.Equal("cluster_missing", Assert.Single(result.Errors).TargetObject);

        // The parent: activity 1, for the whole batch only, counting as clusters end.
        var parent = result.Progress.Where(p => p.ActivityId == 1).ToList();
        Assert.NotEmpty(parent);
        Assert.All(parent, p =>
        {
            Assert.Equal("Stopping 6 clusters", p.Activity);
            Assert.Equal(-1, p.ParentActivityId);
            Assert.Matches(ParentStatus, p.StatusDescription);
        });
        Assert.Equal(ProgressRecordType.Completed, parent[^1].RecordType);
        Assert.Equal("5 of 6 stopped, 1 failed", parent[^1].StatusDescription);
        Assert.Equal(100, parent[^1].PercentComplete);
        var counts = parent.Select(p => ParentStatus.Match(p.StatusDescription)).Select(m => int.Parse(m.Groups[1].Value) + int.Parse(m.Groups[3].Value)).ToList();
        Assert.Equal(counts.Order(), counts);

        // The children: one activity per cluster under the parent, a record per phase change, then Completed.
        var children = result.Progress.Where(p => p.ActivityId != 1).GroupBy(p => p.ActivityId).ToList();
        Assert.Equal(6, children.Count);
        foreach (var child in children)
        {
            var records = child.ToList();
            Assert.All(records, r => Assert.Equal(1, r.ParentActivityId));
            Assert.Single(records.Select(r => r.Activity).Distinct());
            Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
            Assert.Single(records, r => r.RecordType == ProgressRecordType.Completed);
            var phases = records.Where(r => r.RecordType == ProgressRecordType.Processing).Select(r => r.StatusDescription).ToList();
            Assert.Equal(phases.Distinct(), phases);
        }

        var stopped = children.Where(c => ids.Any(id => c.First().Activity.Contains(id))).ToList();
        Assert.Equal(5, stopped.Count);
        // Each cluster's phases in the documented order, to the last; the first may have passed before
        // the batch's first poll (the clock moves while the module sleeps, and the batch is sent first).
        Assert.All(stopped, c =>
        {
            var shown = c.Where(r => r.RecordType == ProgressRecordType.Processing).Select(r => r.StatusDescription).ToList();
            Assert.True(shown.Count >= StopPhases.Length - 1, string.Join(", ", shown));
            Assert.Equal(StopPhases[^shown.Count..], shown);
        });

        // The same story on the Verbose stream, for job logs: each phase change, then the end.
        foreach (var id in ids)
        {
            Assert.Contains(result.Verbose, v => v.Message.Contains(id) && StopPhases.Any(v.Message.Contains));
            Assert.Contains(result.Verbose, v => v.Message.Contains(id) && v.Message.Contains("stopped after"));
        }
    }

    [Fact]
    public async Task Without_Verbose_the_milestones_stay_off_the_Verbose_stream()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.3);
        var ids = h.State.SeedMany(2, "cluster_quiet_");
        var result = h.Run("$ids | Stop-T1Cluster -Wait", new() { ["ids"] = ids.ToArray() });

        Assert.Empty(result.Errors);
        Assert.Empty(result.Verbose);
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed && p.ActivityId == 1);
    }

    [Fact]
    public async Task One_cluster_has_one_bar_of_its_own_that_ends_Completed()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.6);
        h.State.AddCluster("cluster_one", "solo");
        var result = h.Run("Stop-T1Cluster cluster_one -Wait");

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p =>
        {
            Assert.Equal(1, p.ActivityId);
            Assert.Equal(-1, p.ParentActivityId);
            Assert.Contains("solo", p.Activity);
        });
        Assert.Single(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        var phases = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.StatusDescription).ToList();
        Assert.Equal(phases.Distinct(), phases);
    }

    [Fact]
    public async Task The_bare_shape_has_no_phases_yet_still_gets_status_progress_and_a_Completed_record()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Shape = ResponseShape.Bare;
            o.StopPhaseSeconds = 0.6;
            // Real time: progress is written at most ten times a second of real time (a console's redraw
            // rate), and a phase seen by one poll is written only if a flush falls before the next poll.
            // On the fake clock the polls come faster than that, so which records appear would be luck.
            o.TimeProvider = TimeProvider.System;
        });
        var ids = h.State.SeedMany(2, "cluster_bare_");
        var result = h.Run("$ids | Stop-T1Cluster -Wait -Verbose", new() { ["ids"] = ids.ToArray() });

        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("stopped", o.Properties["Status"].Value));
        var children = result.Progress.Where(p => p.ActivityId != 1).GroupBy(p => p.ActivityId).ToList();
        Assert.Equal(2, children.Count);
        foreach (var child in children)
        {
            var records = child.ToList();
            var processing = records.Where(r => r.RecordType == ProgressRecordType.Processing).ToList();
            Assert.Equal(["Stopping"], processing.Select(r => r.StatusDescription));
            // Unknown is 0, never -1: pwsh 7's Minimal view draws -1 as a full bar, a stop that looks finished.
            Assert.All(processing, r => Assert.Equal(0, r.PercentComplete));
            Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
        }

        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last(p => p.ActivityId == 1).RecordType);
        Assert.Equal("2 of 2 stopped, 0 failed", result.Progress.Last(p => p.ActivityId == 1).StatusDescription);
        Assert.All(ids, id => Assert.Contains(result.Verbose, v => v.Message.Contains(id) && v.Message.Contains("stopped after")));
    }
}
