using System.Reflection;

namespace TensorOne.Client;

/// <summary>
/// A clock made in another load context, used as this assembly's <see cref="TimeProvider"/>. On
/// PowerShell 7 the client loads in an isolated context with its own copy of
/// Microsoft.Bcl.TimeProvider, so a host's TimeProvider (a test's FakeTimeProvider) is a different type
/// from ours: its members are reached by name instead, with only types both contexts share.
/// </summary>
/// <remarks>
/// A test seam and nothing more: only the engine-hosted tests hand a clock over (through the module's
/// EndpointClocks and <see cref="TensorOneClientOptions.UseClock"/>); without one, a client runs on
/// <see cref="TimeProvider.System"/> and this type is never made.
/// </remarks>
internal sealed class BorrowedClock : TimeProvider
{
    private static readonly Type[] TimerParameters = { typeof(TimerCallback), typeof(object), typeof(TimeSpan), typeof(TimeSpan) };

    private readonly object _clock;
    private readonly Func<DateTimeOffset> _utcNow;
    private readonly Func<long> _timestamp;
    private readonly long _frequency;
    private readonly TimeZoneInfo _localTimeZone;
    private readonly MethodInfo _createTimer;

    private BorrowedClock(object clock)
    {
        var type = clock.GetType();
        _clock = clock;
        _utcNow = (Func<DateTimeOffset>)Delegate.CreateDelegate(typeof(Func<DateTimeOffset>), clock, Member(type, "GetUtcNow", Type.EmptyTypes));
        _timestamp = (Func<long>)Delegate.CreateDelegate(typeof(Func<long>), clock, Member(type, "GetTimestamp", Type.EmptyTypes));
        _frequency = (long)(type.GetProperty("TimestampFrequency")?.GetValue(clock) ?? throw Unlike(type, "TimestampFrequency"));
        _createTimer = Member(type, "CreateTimer", TimerParameters);
        _localTimeZone = type.GetProperty("LocalTimeZone")?.GetValue(clock) as TimeZoneInfo ?? TimeZoneInfo.Utc;
    }

    /// <summary><paramref name="clock"/> itself when it is already one of ours, else a clock that calls it.</summary>
    public static TimeProvider From(object clock) => clock as TimeProvider ?? new BorrowedClock(clock ?? throw new ArgumentNullException(nameof(clock)));

    public override DateTimeOffset GetUtcNow() => _utcNow();

    public override long GetTimestamp() => _timestamp();

    public override long TimestampFrequency => _frequency;

    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new BorrowedTimer(_createTimer.Invoke(_clock, new[] { callback, state, dueTime, period })!);

    private static MethodInfo Member(Type type, string name, Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null) ?? throw Unlike(type, name);

    private static ArgumentException Unlike(Type type, string member) =>
        new($"{type.FullName} is not a TimeProvider: it has no public {member}.", "clock");

    private sealed class BorrowedTimer : ITimer
    {
        private readonly object _timer;
        private readonly MethodInfo _change;

        public BorrowedTimer(object timer)
        {
            _timer = timer;
            _change = timer.GetType().GetInterfaces()
                .Where(i => i.FullName == "System.Threading.ITimer")
                .Select(i => i.GetMethod("Change", new[] { typeof(TimeSpan), typeof(TimeSpan) }))
                .FirstOrDefault(m => m is not null)
                ?? throw Unlike(timer.GetType(), "Change");
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => (bool)_change.Invoke(_timer, new object[] { dueTime, period })!;

        public void Dispose() => (_timer as IDisposable)?.Dispose();

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
