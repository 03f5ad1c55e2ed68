using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TensorOne.Simulator.Faults;

/// <summary>
/// The faults one simulator injects: rules (kind, rate, optional method and path filters, optional
/// limit), the settings the faults use, and counters of what was injected. Read on every request, so
/// a test may change it while the server runs.
/// </summary>
/// <remarks>
/// Each decision is drawn from a hash of <see cref="Seed"/>, the method, the path and how many
/// requests with that method and path came before. Concurrency therefore does not change which
/// request of a cluster is faulted: with the same seed, a batch meets the same faults on every run,
/// so a failure can be replayed by setting the seed it reports.
/// </remarks>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly int[] _injected = new int[Enum.GetValues<FaultKind>().Length];
    private FaultRule[] _rules = [];
    private int _seed = Random.Shared.Next();

    /// <summary>Chooses which requests are faulted. Random unless set; setting it restarts the sequence.</summary>
    public int Seed
    {
        get => Volatile.Read(ref _seed);
        set
        {
            Volatile.Write(ref _seed, value);
            _ordinals.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Retry-After of the 429 faults (both forms). Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retry-After of the 503 fault, in seconds; null (the default) sends none.</summary>
    public TimeSpan? ServiceUnavailableRetryAfter { get; set; }

    /// <summary>Status of <see cref="FaultKind.HtmlErrorPage"/>. Default 502, as a gateway would answer.</summary>
    public int HtmlStatus { get; set; } = 502;

    /// <summary>The status of the gateway's page for <see cref="FaultKind.GatewayPageAfterCommit"/>.</summary>
    public int GatewayAfterCommitStatus { get; set; } = 503;

    /// <summary>Body size of <see cref="FaultKind.HugeBody"/>. Default 16 MiB, twice the client's default cap.</summary>
    public int HugeBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Delay of the slow faults, on the real clock. Default 35 s, beyond the client's default 30 s
    /// attempt timeout; tests lower both. The delay ends as soon as the client gives up.
    /// </summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>X-RateLimit-Limit of <see cref="FaultKind.LowRateLimit"/> (and of the 429 faults). Default 20, the free write quota.</summary>
    public int LowRateLimitLimit { get; set; } = 20;

    /// <summary>X-RateLimit-Remaining of <see cref="FaultKind.LowRateLimit"/>. Default 2.</summary>
    public int LowRateLimitRemaining { get; set; } = 2;

    /// <summary>Status of <see cref="FaultKind.Redirect"/>: 301, 302, 307 or 308. Default 307.</summary>
    public int RedirectStatus { get; set; } = 307;

    /// <summary>Location of <see cref="FaultKind.Redirect"/>; the request's path is appended. Default a host that does not exist.</summary>
    public string RedirectLocation { get; set; } = "https://api.moved.example";

    /// <summary>The id <see cref="FaultKind.AnswerForAnotherId"/> and <see cref="FaultKind.DuplicateIdKey"/> answer with. Default <c>someone_else</c>.</summary>
    public string OtherClusterId { get; set; } = "someone_else";

    /// <summary>The row <see cref="FaultKind.OddRow"/> spoils; null spoils each page's first row.</summary>
    public string? OddRowId { get; set; }

    /// <summary>The field <see cref="FaultKind.OddRow"/> sets. Default <c>created_at</c>.</summary>
    public string OddRowField { get; set; } = "created_at";

    /// <summary>The raw JSON value <see cref="FaultKind.OddRow"/> writes there (e.g. <c>""</c>, <c>"95%"</c>, <c>12345</c>). Default <c>""</c>.</summary>
    public string OddRowValue { get; set; } = "\"\"";

    /// <summary>Every injection so far.</summary>
    public int TotalInjected => Enumerable.Range(0, _injected.Length).Sum(i => Volatile.Read(ref _injected[i]));

    /// <summary>
    /// Adds a rule. Rules are tried in the order added and their rates add up over the rules that
    /// match a request (so 0.15 of 503 and 0.10 of 429 fault a quarter of the requests).
    /// </summary>
    /// <param name="pathPattern">A regular expression matched against the full path, e.g. <c>/stop$</c>.</param>
    public FaultPlan Add(FaultKind kind, double rate, string? method = null, string? pathPattern = null, int? limit = null) =>
        Add(new FaultRule(kind, rate, method, pathPattern, limit));

    /// <summary>
    /// Every listing spoils the row of <paramref name="id"/>: its <paramref name="field"/> is written as
    /// the raw JSON <paramref name="value"/> (<see cref="FaultKind.OddRow"/> on every list read).
    /// </summary>
    public FaultPlan SpoilListedRow(string id, string field = "created_at", string value = "\"\"")
    {
        OddRowId = id;
        OddRowField = field;
        OddRowValue = value;
        return Add(FaultKind.OddRow, 1, "GET", "/clusters$");
    }

    public FaultPlan Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        FaultRule[] current, next;
        do
        {
            current = Volatile.Read(ref _rules);
            next = [.. current, rule];
        }
        while (Interlocked.CompareExchange(ref _rules, next, current) != current);
        return this;
    }

    /// <summary>Removes every rule; the counters are kept.</summary>
    public void Clear() => Volatile.Write(ref _rules, []);

    public int Injected(FaultKind kind) => Volatile.Read(ref _injected[(int)kind]);

    internal FaultKind? Decide(string method, string path)
    {
        var rules = Volatile.Read(ref _rules);
        if (rules.Length == 0)
        {
            return null;
        }

        var key = method.ToUpperInvariant() + " " + path;
        var ordinal = _ordinals.AddOrUpdate(key, 1, static (_, n) => n + 1);
        var draw = Draw(Seed, key, ordinal);
        var cumulative = 0.0;
        foreach (var rule in rules)
        {
            if (!rule.Matches(method, path) || rule.Limit is { } limit && rule.Injected >= limit)
            {
                continue;
            }

            cumulative += rule.Rate;
            if (draw < cumulative && rule.TryTake())
            {
                Interlocked.Increment(ref _injected[(int)rule.Kind]);
                return rule.Kind;
            }
        }

        return null;
    }

    // A uniform number in [0, 1) that depends only on the seed, the request's method and path, and its ordinal.
    private static double Draw(int seed, string key, int ordinal)
    {
        var material = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}\n{key}\n{ordinal}"));
        var hash = SHA256.HashData(material);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
