using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// The clients, one per endpoint and key, shared by every runspace of the process. A client is held
/// (counted) by each invocation using it, so removing the module or disconnecting in one runspace
/// never disposes a client another runspace's request is using. Once nobody holds it, it stays among
/// the <see cref="IdleLimit"/> most recently used, so consecutive commands share connection pools;
/// beyond that the oldest is disposed, so a script that cycles through many keys leaves nothing behind.
/// </summary>
internal sealed class ClientPool
{
    /// <summary>Clients kept warm with no invocation holding them.</summary>
    public const int IdleLimit = 8;

    private readonly object _gate = new();
    private readonly Dictionary<ClientKey, Entry> _entries = new();
    private readonly LinkedList<Entry> _idle = new();
    private readonly Func<Uri, ApiKey, TensorOneClient> _create;

    public ClientPool(Func<Uri, ApiKey, TensorOneClient> create) => _create = create;

    /// <summary>The shared client of a connection, made if there is none, held until the lease is disposed.</summary>
    public ClientLease Lease(SessionConnection connection)
    {
        var key = new ClientKey(connection.BaseUri, connection.ApiKey);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(key, _create(key.BaseUri, key.ApiKey));
                _entries.Add(key, entry);
            }

            Hold(entry);
            return new ClientLease(this, entry, listed: true);
        }
    }

    /// <summary>
    /// For a key not checked yet: the shared client if the pool has one, else a client of its own that
    /// joins the pool only when <see cref="ClientLease.Keep"/> is called (the key was accepted).
    /// </summary>
    public ClientLease Trial(SessionConnection connection)
    {
        var key = new ClientKey(connection.BaseUri, connection.ApiKey);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                Hold(entry);
                return new ClientLease(this, entry, listed: true);
            }
        }

        return new ClientLease(this, new Entry(key, _create(key.BaseUri, key.ApiKey)) { Users = 1 }, listed: false);
    }

    /// <summary>The shared client of a connection if there is one, without holding it (to read its last rate-limit answer).</summary>
    public TensorOneClient? Peek(SessionConnection connection)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(new ClientKey(connection.BaseUri, connection.ApiKey), out var entry) ? entry.Client : null;
        }
    }

    /// <summary>
    /// Drops the client of a connection from the pool (disconnected, or its key refused): disposed now
    /// if nobody holds it, else when the last invocation using it ends.
    /// </summary>
    public void Retire(SessionConnection connection)
    {
        TensorOneClient? dispose = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(new ClientKey(connection.BaseUri, connection.ApiKey), out var entry))
            {
                dispose = Unlist(entry);
            }
        }

        dispose?.Dispose();
    }

    /// <summary>Drops every client of an endpoint, whatever its key (its clock changed): as <see cref="Retire"/> for each.</summary>
    public void RetireEndpoint(Uri baseUri)
    {
        List<TensorOneClient> dispose = new();
        lock (_gate)
        {
            foreach (var entry in _entries.Values.Where(e => e.Key.BaseUri.Equals(baseUri)).ToList())
            {
                if (Unlist(entry) is { } idle)
                {
                    dispose.Add(idle);
                }
            }
        }

        dispose.ForEach(client => client.Dispose());
    }

    /// <summary>Disposes every client nobody holds (the module is being removed); held ones go on.</summary>
    public void DisposeIdle()
    {
        List<TensorOneClient> dispose;
        lock (_gate)
        {
            dispose = _idle.Select(entry => entry.Client).ToList();
            foreach (var entry in _idle.ToList())
            {
                Unlist(entry);
            }
        }

        dispose.ForEach(client => client.Dispose());
    }

    /// <summary>How many clients the pool holds, in use or idle.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    internal void Adopt(Entry entry)
    {
        TensorOneClient? dispose = null;
        lock (_gate)
        {
            if (_entries.ContainsKey(entry.Key))
            {
                // Another runspace connected with the same key meanwhile: one client is enough.
                entry.Retired = true;
            }
            else
            {
                _entries.Add(entry.Key, entry);
            }

            dispose = Drop(entry);
        }

        dispose?.Dispose();
    }

    internal void Release(Entry entry, bool retire)
    {
        TensorOneClient? dispose;
        lock (_gate)
        {
            if (retire && _entries.TryGetValue(entry.Key, out var listed) && ReferenceEquals(listed, entry))
            {
                _entries.Remove(entry.Key);
            }

            entry.Retired |= retire;
            dispose = Drop(entry);
        }

        dispose?.Dispose();
    }

    private void Hold(Entry entry)
    {
        entry.Users++;
        if (entry.IdleNode is { } node)
        {
            _idle.Remove(node);
            entry.IdleNode = null;
        }
    }

    // Under the gate: one holder fewer. Returns a client to dispose, outside the gate.
    private TensorOneClient? Drop(Entry entry)
    {
        if (--entry.Users > 0)
        {
            return null;
        }

        if (entry.Retired || !_entries.TryGetValue(entry.Key, out var listed) || !ReferenceEquals(listed, entry))
        {
            return entry.Client;
        }

        entry.IdleNode = _idle.AddLast(entry);
        if (_idle.Count <= IdleLimit)
        {
            return null;
        }

        var oldest = _idle.First!.Value;
        Unlist(oldest);
        return oldest.Client;
    }

    // Under the gate: out of the pool; returns the client when nobody holds it, for disposal.
    private TensorOneClient? Unlist(Entry entry)
    {
        _entries.Remove(entry.Key);
        entry.Retired = true;
        if (entry.IdleNode is { } node)
        {
            _idle.Remove(node);
            entry.IdleNode = null;
        }

        return entry.Users == 0 ? entry.Client : null;
    }

    internal sealed class Entry(ClientKey key, TensorOneClient client)
    {
        public ClientKey Key { get; } = key;

        public TensorOneClient Client { get; } = client;

        public int Users { get; set; }

        public bool Retired { get; set; }

        public LinkedListNode<Entry>? IdleNode { get; set; }
    }

    internal sealed class ClientKey(Uri baseUri, ApiKey apiKey) : IEquatable<ClientKey>
    {
        public Uri BaseUri { get; } = baseUri;

        public ApiKey ApiKey { get; } = apiKey;

        public bool Equals(ClientKey? other) => other is not null && BaseUri.Equals(other.BaseUri) && ApiKey.Equals(other.ApiKey);

        public override bool Equals(object? obj) => Equals(obj as ClientKey);

        public override int GetHashCode() => (BaseUri.GetHashCode() * 397) ^ ApiKey.GetHashCode();
    }
}
