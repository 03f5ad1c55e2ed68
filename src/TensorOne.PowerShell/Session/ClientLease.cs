using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// One holder's use of a pooled client. Disposing it lets the pool keep the client warm or dispose it;
/// a lease whose key was refused is disposed with <see cref="Refuse"/> first, so the client goes with it.
/// </summary>
internal sealed class ClientLease : IDisposable
{
    private readonly ClientPool _pool;
    private readonly ClientPool.Entry _entry;
    private bool _listed;
    private bool _refused;
    private int _released;

    internal ClientLease(ClientPool pool, ClientPool.Entry entry, bool listed)
    {
        _pool = pool;
        _entry = entry;
        _listed = listed;
    }

    public TensorOneClient Client => _entry.Client;

    /// <summary>The key was accepted (or not checked): a trial client joins the pool for the commands to share.</summary>
    public void Keep()
    {
        _refused = false;
        if (!_listed && Interlocked.Exchange(ref _released, 1) == 0)
        {
            _listed = true;
            _pool.Adopt(_entry);
        }
    }

    /// <summary>Until <see cref="Keep"/>: the key may be refused, so on dispose the client is released for good, never shared.</summary>
    public void Refuse() => _refused = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        if (_listed)
        {
            _pool.Release(_entry, retire: _refused);
        }
        else
        {
            _entry.Client.Dispose();
        }
    }
}
