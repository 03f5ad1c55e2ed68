using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// The module's session state. Connect-T1Account's connection is kept for the whole process by
/// default, so ForEach-Object -Parallel, thread jobs and runspace pools see it; a runspace may keep a
/// connection of its own (-Scope Runspace), which wins over the process one. The clients, each owning
/// one HttpClient, are shared per endpoint and key for the life of the module, so a hundred parallel
/// runspaces share connection pools.
/// </summary>
internal static class ModuleSession
{
    public const string ApiKeyVariable = "TENSORONE_API_KEY";
    public const string BaseUriVariable = "TENSORONE_BASE_URI";

    /// <summary>Connections per host: the cmdlets' highest throttle limit, so fan-out is never serialized.</summary>
    public const int MaxConnections = 64;

    // A runspace that is reset and reused (ForEach-Object -Parallel reuses them; RunspacePool users call
    // ResetRunspaceState) keeps its identity but loses its global variables. A runspace connection is
    // only in force while this marker variable still holds the object stored with it, so a reused
    // runspace never inherits the connection of the script that ran in it before.
    private const string MarkerVariable = "global:__TensorOneRunspaceConnection";

    private static readonly ConditionalWeakTable<Runspace, StrongBox<RunspaceConnection?>> Connections = new();
    private static readonly ConcurrentDictionary<ClientKey, Lazy<TensorOneClient>> Clients = new();

    private static SessionConnection? _process;

    public static void Connect(SessionConnection connection, SessionState sessionState)
    {
        if (connection.Scope == ConnectionScope.Runspace)
        {
            var marker = new RunspaceMarker();
            sessionState.PSVariable.Set(MarkerVariable, marker);
            Slot().Value = new RunspaceConnection(connection, marker);
        }
        else
        {
            Volatile.Write(ref _process, connection);
        }
    }

    /// <summary>Clears the given scope; returns whether it held a connection.</summary>
    public static bool Disconnect(ConnectionScope scope, SessionState sessionState)
    {
        if (scope == ConnectionScope.Runspace)
        {
            var had = InRunspace(sessionState) is not null;
            Slot().Value = null;
            sessionState.PSVariable.Remove(MarkerVariable);
            return had;
        }

        return Interlocked.Exchange(ref _process, null) is not null;
    }

    /// <summary>
    /// The connection Connect-T1Account made: this runspace's own, else the process's. Without
    /// <paramref name="sessionState"/> (argument completers have none) the runspace's is taken as it is.
    /// </summary>
    public static SessionConnection? Explicit(SessionState? sessionState) => InRunspace(sessionState) ?? Volatile.Read(ref _process);

    /// <summary>The connection in force: Connect-T1Account's, else the environment's.</summary>
    public static SessionConnection Resolve(SessionState? sessionState)
    {
        if (Explicit(sessionState) is { } connection)
        {
            return connection;
        }

        var keyText = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(keyText))
        {
            throw new ConnectionProblem(
                "TensorOne.NoApiKey",
                $"No TensorOne API key. Run Connect-T1Account -ApiKey (Read-Host -AsSecureString) or Connect-T1Account -Credential <PSCredential> (the password is the key); in Azure Automation, Connect-T1Account -Credential (Get-AutomationPSCredential -Name <credential asset>). Unattended jobs elsewhere can set the {ApiKeyVariable} environment variable instead.",
                ErrorCategory.AuthenticationError);
        }

        ApiKey key;
        try
        {
            key = new ApiKey(keyText!);
            if (key.Problem is { } keyProblem)
            {
                throw new ArgumentException(keyProblem);
            }
        }
        catch (ArgumentException ex)
        {
            throw new ConnectionProblem("TensorOne.InvalidApiKey", $"The {ApiKeyVariable} environment variable does not hold a usable key: {ex.Message}", ErrorCategory.InvalidArgument);
        }

        var uriText = Environment.GetEnvironmentVariable(BaseUriVariable);
        Uri baseUri;
        try
        {
            baseUri = string.IsNullOrWhiteSpace(uriText) ? BaseUriPolicy.DefaultBaseUri : BaseUriPolicy.Parse(uriText!);
        }
        catch (ArgumentException ex)
        {
            throw new ConnectionProblem("TensorOne.InvalidBaseUri", $"The {BaseUriVariable} environment variable is not usable: {ex.Message}", ErrorCategory.InvalidArgument);
        }

        // Environment variables are the process's, so is a connection made from them.
        return new SessionConnection(baseUri, key, ConnectionSource.Environment, ConnectionScope.Process);
    }

    public static TensorOneClient ClientFor(SessionConnection connection)
    {
        var lazy = Clients.GetOrAdd(
            new ClientKey(connection.BaseUri, connection.ApiKey),
            key => new Lazy<TensorOneClient>(() => new TensorOneClient(new TensorOneClientOptions
            {
                BaseUri = key.BaseUri,
                ApiKey = key.ApiKey,
                MaxConnectionsPerServer = MaxConnections,
                Log = ClientLogRouter.Forward,
            })));
        return lazy.Value;
    }

    /// <summary>The client of a connection if one was made already (Get-T1Account reads its budget without making one).</summary>
    public static TensorOneClient? ExistingClientFor(SessionConnection connection) =>
        Clients.TryGetValue(new ClientKey(connection.BaseUri, connection.ApiKey), out var lazy) && lazy.IsValueCreated ? lazy.Value : null;

    public static void DisposeClients()
    {
        foreach (var pair in Clients.ToArray())
        {
            if (Clients.TryRemove(pair.Key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private static SessionConnection? InRunspace(SessionState? sessionState)
    {
        var slot = Slot();
        if (slot.Value is not { } held)
        {
            return null;
        }

        if (sessionState is not null && !ReferenceEquals(sessionState.PSVariable.GetValue(MarkerVariable), held.Marker))
        {
            // The runspace was reset since it connected: its connection went with its state.
            slot.Value = null;
            return null;
        }

        return held.Connection;
    }

    private static StrongBox<RunspaceConnection?> Slot()
    {
        var runspace = Runspace.DefaultRunspace
            ?? throw new InvalidOperationException("The TensorOne cmdlets must run in a PowerShell runspace.");
        return Connections.GetValue(runspace, _ => new StrongBox<RunspaceConnection?>());
    }

    private sealed class RunspaceConnection
    {
        public RunspaceConnection(SessionConnection connection, RunspaceMarker marker)
        {
            Connection = connection;
            Marker = marker;
        }

        public SessionConnection Connection { get; }

        public RunspaceMarker Marker { get; }
    }

    private sealed class ClientKey : IEquatable<ClientKey>
    {
        public ClientKey(Uri baseUri, ApiKey apiKey)
        {
            BaseUri = baseUri;
            ApiKey = apiKey;
        }

        public Uri BaseUri { get; }

        public ApiKey ApiKey { get; }

        public bool Equals(ClientKey? other) => other is not null && BaseUri.Equals(other.BaseUri) && ApiKey.Equals(other.ApiKey);

        public override bool Equals(object? obj) => Equals(obj as ClientKey);

        public override int GetHashCode() => (BaseUri.GetHashCode() * 397) ^ ApiKey.GetHashCode();
    }
}
