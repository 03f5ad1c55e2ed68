using System.Net;
using System.Text;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>
/// The client's outgoing handler in these tests: it counts requests in flight (so a test knows when the
/// watcher is idle), logs each with the fake time it was sent at, and can answer some requests itself
/// (a 404 or a 429) instead of the simulator.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _start;
    private readonly object _gate = new();
    private readonly List<RecordedCall> _calls = new();
    private readonly List<Func<HttpRequestMessage, HttpResponseMessage?>> _answers = new();
    private int _inFlight;

    public RecordingHandler(TimeProvider clock, DateTimeOffset start)
        : base(new SocketsHttpHandler())
    {
        _clock = clock;
        _start = start;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>Answers the requests <paramref name="answer"/> returns a response for; the rest go to the simulator.</summary>
    public void Answer(Func<HttpRequestMessage, HttpResponseMessage?> answer)
    {
        lock (_gate)
        {
            _answers.Add(answer);
        }
    }

    public static HttpResponseMessage NotFound(string clusterId) =>
        Error(HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", $"Cluster {clusterId} was not found");

    public static HttpResponseMessage RateLimited(TimeSpan retryAfter)
    {
        var response = Error(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        var at = _clock.GetUtcNow() - _start;
        var status = 0;
        try
        {
            Func<HttpRequestMessage, HttpResponseMessage?>[] answers;
            lock (_gate)
            {
                answers = _answers.ToArray();
            }

            var response = answers.Select(a => a(request)).FirstOrDefault(r => r is not null)
                ?? await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            lock (_gate)
            {
                _calls.Add(new RecordedCall(at, request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, status));
            }

            Interlocked.Decrement(ref _inFlight);
        }
    }

    // The documented flat error shape.
    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        new(status)
        {
            Content = new StringContent($"{{\"error\":\"{code}\",\"message\":\"{message}\"}}", Encoding.UTF8, "application/json"),
        };
}
