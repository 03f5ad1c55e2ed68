namespace TensorOne.Client.Tests.Waiting;

/// <summary>One request as the client sent it, stamped with the fake clock.</summary>
internal sealed record RecordedCall(TimeSpan At, string Method, string Path, string Query, int Status)
{
    public bool IsList => Method == "GET" && Path.EndsWith("/clusters", StringComparison.Ordinal);

    public bool IsSingleGet => Method == "GET" && !IsList;
}
