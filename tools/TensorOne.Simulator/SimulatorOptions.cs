using System.Security.Cryptography.X509Certificates;
using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator;

/// <summary>
/// Settings of one simulator. <see cref="Port"/>, <see cref="PathBase"/>, <see cref="Certificate"/> and
/// <see cref="TimeProvider"/> are read once at start; the others are read on every request, so a test may change them mid-run.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The only key accepted, as <c>Authorization: Bearer &lt;ApiKey&gt;</c>.</summary>
    public string ApiKey { get; set; } = "tpo_test_simulator_key";

    public ResponseShape Shape { get; set; } = ResponseShape.Envelope;

    /// <summary>Duration of each stop phase; 0 completes a stop at once.</summary>
    public double StopPhaseSeconds { get; set; } = 1.0;

    /// <summary>Duration of each restart phase; 0 completes a restart at once.</summary>
    public double RestartPhaseSeconds { get; set; } = 1.0;

    /// <summary>
    /// Delay added to every request. It is network latency, not cluster time, so it runs on the real
    /// clock even when <see cref="TimeProvider"/> is a fake one.
    /// </summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Where the routes live; they are also served under <c>/v1</c>, as the prose documents.</summary>
    public string PathBase { get; set; } = "/v2";

    /// <summary>Port on 127.0.0.1; 0 lets the system pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Null (the default) serves http://. A certificate serves https:// with it, as a server whose
    /// certificate a client may refuse: <see cref="SelfSignedCertificate.ForLoopback"/> is trusted by no one.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Faults to inject (dropped connections, 408/429/5xx, broken bodies, slowness, a low rate-limit
    /// budget) and counters of those injected. Empty by default; may be changed while the server runs.
    /// </summary>
    public FaultPlan Faults { get; init; } = new();

    /// <summary>
    /// Writes (POSTs) allowed per hourly window, as the documented tiers limit them (free: 20); null for
    /// no limit. Past it, POSTs get 429 with Retry-After until the window resets.
    /// </summary>
    public int? WriteLimit { get; set; }

    /// <summary>
    /// The key revoked mid-batch, as an administrator would in the console: after this many writes
    /// (POSTs) are let through, every later request is refused 401, writes and reads alike. Null (the
    /// default) never revokes it.
    /// </summary>
    public int? RevokeKeyAfterWrites { get; set; }

    /// <summary>
    /// How far reads (GETs) lag the writes, as a replica does: a write is seen by reads only this long
    /// after it was committed. Writes always act on the current state. Zero (the default) for none.
    /// </summary>
    public TimeSpan ReadLag { get; set; } = TimeSpan.Zero;

    /// <summary>Paging as other servers do it (data-level has_more/total, a capped limit, an ignored page).</summary>
    public ListPagingFaults ListPaging { get; init; } = new();

    /// <summary>The clock cluster operations are computed from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
