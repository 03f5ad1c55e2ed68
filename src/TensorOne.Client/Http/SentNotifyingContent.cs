using System.Net;

namespace TensorOne.Client.Http;

/// <summary>A request body that says when it has been written to the connection: the moment the server may act on it.</summary>
internal sealed class SentNotifyingContent : ByteArrayContent
{
    private readonly Action? _sent;

    public SentNotifyingContent(byte[] body, Action? sent)
        : base(body)
    {
        _sent = sent;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await base.SerializeToStreamAsync(stream, context).ConfigureAwait(false);
        _sent?.Invoke();
    }
}
