using System.Globalization;

namespace TensorOne.Client.Http;

/// <summary>
/// Says on the log, every <see cref="TensorOneClientOptions.StallNoticeInterval"/>, that an attempt is
/// still waiting and on what (the answer's headers, or the rest of its body), so a user with -Verbose
/// sees why a command sits still instead of a silent prompt.
/// </summary>
internal sealed class StallNotice : IDisposable
{
    private readonly ITimer _timer;
    private readonly Action<string> _log;
    private readonly string _request;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _started;
    private long _bodyBytes = -1;

    public StallNotice(TimeProvider clock, TimeSpan interval, string request, Action<string> log)
    {
        _clock = clock;
        _request = request;
        _log = log;
        _started = clock.GetUtcNow();
        _timer = clock.CreateTimer(static state => ((StallNotice)state!).Say(), this, interval, interval);
    }

    /// <summary>The headers came; from now on the wait is for the body.</summary>
    public void HeadersArrived() => Interlocked.Exchange(ref _bodyBytes, 0);

    public void BodyRead(long total) => Interlocked.Exchange(ref _bodyBytes, total);

    public void Dispose() => _timer.Dispose();

    private void Say()
    {
        var waited = (_clock.GetUtcNow() - _started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var body = Interlocked.Read(ref _bodyBytes);
        _log(body < 0
            ? $"Still waiting for the API to answer {_request} ({waited} s so far, no response headers yet)."
            : $"Still reading the API's answer to {_request} ({waited} s so far, {body} bytes of the body received; the rest has not come).");
    }
}
