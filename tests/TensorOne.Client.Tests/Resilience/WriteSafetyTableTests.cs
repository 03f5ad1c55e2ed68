using TensorOne.Client.Resilience;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// The write-safety contract as a table: for every answer a stop or restart can get, whether it is
/// done, sent again, failed as it is, or confirmed by reading (never sent again). A row that moves
/// here is a change of contract, to be read in ARCHITECTURE's write-safety table too.
/// </summary>
public sealed class WriteSafetyTableTests
{
    private static readonly Dictionary<string, (WriteAnswer Answer, WriteDecision Decision)> Table = new()
    {
        ["200 with a readable answer"] = (WriteAnswer.Http(200), WriteDecision.Done),
        ["202 with a readable answer"] = (WriteAnswer.Http(202), WriteDecision.Done),
        ["200 whose answer cannot be used"] = (WriteAnswer.Http(200, readable: false), WriteDecision.ReadAcceptedState),
        ["307 redirect (not followed)"] = (WriteAnswer.Http(307), WriteDecision.Fail),
        ["400 VALIDATION_ERROR"] = (WriteAnswer.Http(400, fromApi: true), WriteDecision.Fail),
        ["401 UNAUTHORIZED"] = (WriteAnswer.Http(401, fromApi: true), WriteDecision.Fail),
        ["403 FORBIDDEN"] = (WriteAnswer.Http(403, fromApi: true), WriteDecision.Fail),
        ["404 RESOURCE_NOT_FOUND"] = (WriteAnswer.Http(404, fromApi: true), WriteDecision.Fail),
        ["409 INVALID_STATE"] = (WriteAnswer.Http(409, fromApi: true), WriteDecision.Fail),
        ["422 SEMANTIC_ERROR"] = (WriteAnswer.Http(422, fromApi: true), WriteDecision.Fail),
        ["404 page from a proxy"] = (WriteAnswer.Http(404), WriteDecision.Fail),
        ["408 in the API's envelope"] = (WriteAnswer.Http(408, fromApi: true), WriteDecision.ConfirmByReading),
        ["408 from a gateway"] = (WriteAnswer.Http(408), WriteDecision.ConfirmByReading),
        ["429 RATE_LIMIT_EXCEEDED in the API's envelope"] = (WriteAnswer.Http(429, fromApi: true), WriteDecision.SendAgain),
        ["429 page from a gateway"] = (WriteAnswer.Http(429), WriteDecision.ConfirmByReading),
        ["500 in the API's envelope"] = (WriteAnswer.Http(500, fromApi: true), WriteDecision.ConfirmByReading),
        ["500 without an envelope"] = (WriteAnswer.Http(500), WriteDecision.ConfirmByReading),
        ["502 in the API's envelope"] = (WriteAnswer.Http(502, fromApi: true), WriteDecision.ConfirmByReading),
        ["502 page from a gateway"] = (WriteAnswer.Http(502), WriteDecision.ConfirmByReading),
        ["503 in the API's envelope (not processed)"] = (WriteAnswer.Http(503, fromApi: true), WriteDecision.SendAgain),
        ["503 page from a gateway (upstream timeout)"] = (WriteAnswer.Http(503), WriteDecision.ConfirmByReading),
        ["504 in the API's envelope"] = (WriteAnswer.Http(504, fromApi: true), WriteDecision.ConfirmByReading),
        ["504 page from a gateway"] = (WriteAnswer.Http(504), WriteDecision.ConfirmByReading),
        ["connection refused"] = (WriteAnswer.Transport(WriteTransportEnd.ConnectionRefused), WriteDecision.SendAgain),
        ["reset or timeout before the body was written"] = (WriteAnswer.Transport(WriteTransportEnd.FailedBeforeWritten), WriteDecision.SendAgain),
        ["certificate refused"] = (WriteAnswer.Transport(WriteTransportEnd.CertificateRefused), WriteDecision.Fail),
        ["reset after the body was written"] = (WriteAnswer.Transport(WriteTransportEnd.LostAfterWritten), WriteDecision.ConfirmByReading),
        ["timeout after the body was written"] = (WriteAnswer.Transport(WriteTransportEnd.TimedOutAfterWritten), WriteDecision.ConfirmByReading),
    };

    public static TheoryData<string> Rows => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_answer_a_write_can_get_has_one_decision(string row)
    {
        var (answer, expected) = Table[row];
        Assert.Equal(expected, WriteSafety.Decide(answer));
    }

    [Fact]
    public void Nothing_that_may_have_reached_the_api_is_ever_sent_again()
    {
        var mayHaveReached = new[]
        {
            WriteAnswer.Transport(WriteTransportEnd.LostAfterWritten),
            WriteAnswer.Transport(WriteTransportEnd.TimedOutAfterWritten),
        }.Concat(Enumerable.Range(100, 500).Where(s => s != 429 && s != 503).Select(s => WriteAnswer.Http(s)))
         .Concat(Enumerable.Range(100, 500).Where(s => s is not (429 or 503)).Select(s => WriteAnswer.Http(s, fromApi: true)));

        Assert.All(mayHaveReached, answer => Assert.NotEqual(WriteDecision.SendAgain, WriteSafety.Decide(answer)));
    }
}
