using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using TensorOne.Client;

namespace TensorOne.PowerShell.Session;

/// <summary>
/// The module's session state. Connect-T1Account's connection is kept for the whole process by
/// default, so ForEach-Object -Parallel, thread jobs and runspace pools see it; a runspace may keep a
/// connection of its own (-Scope Runspace), which wins over the process one. The clients, each owning
/// one HttpClient, are shared per endpoint and key (<see cref="ClientPool"/>), so a hundred parallel
/// runspaces share connection pools; a connection holds a key, never a client.
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
    private static readonly ClientPool Clients = new(NewClient);

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

    /// <summary>Clears the given scope; returns the connection it held, if any.</summary>
    public static SessionConnection? Disconnect(ConnectionScope scope, SessionState sessionState)
    {
        if (scope == ConnectionScope.Runspace)
        {
            var held = InRunspace(sessionState);
            Slot().Value = null;
            sessionState.PSVariable.Remove(MarkerVariable);
            return held;
        }

        return Interlocked.Exchange(ref _process, null);
    }

    /// <summary>Clears <paramref name="connection"/> wherever this runspace sees it stored; returns whether it was.</summary>
    public static bool Disconnect(SessionConnection connection, SessionState sessionState)
    {
        var had = false;
        if (ReferenceEquals(InRunspace(sessionState), connection))
        {
            had = Disconnect(ConnectionScope.Runspace, sessionState) is not null;
        }

        return Interlocked.CompareExchange(ref _process, null, connection) == connection || had;
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

    /// <summary>The shared client of a connection, held until the lease is disposed.</summary>
    public static ClientLease Lease(SessionConnection connection) => Clients.Lease(connection);

    /// <summary>A client to check a key with, shared only once <see cref="ClientLease.Keep"/> says the key was accepted.</summary>
    public static ClientLease Trial(SessionConnection connection) => Clients.Trial(connection);

    /// <summary>The client of a connection if one was made already (Get-T1Account reads its budget without making one).</summary>
    public static TensorOneClient? ExistingClientFor(SessionConnection connection) => Clients.Peek(connection);

    /// <summary>A connection was let go: its client goes too, unless the connection now in force uses the same one.</summary>
    public static void Release(SessionConnection connection, SessionState sessionState)
    {
        if (Explicit(sessionState) is { } inForce && inForce.BaseUri.Equals(connection.BaseUri) && inForce.ApiKey.Equals(connection.ApiKey))
        {
            return;
        }

        Clients.Retire(connection);
    }

    /// <summary>
    /// The module is removed from one runspace: the clients no invocation holds are disposed, while
    /// other runspaces' requests in flight keep theirs (the module's types live on in the process).
    /// </summary>
    public static void DisposeClients() => Clients.DisposeIdle();

    /// <summary>The clients of an endpoint go, so the next one is made on the endpoint's clock as it is now.</summary>
    public static void RetireClientsOf(Uri baseUri) => Clients.RetireEndpoint(baseUri);

    private static TensorOneClient NewClient(Uri baseUri, ApiKey apiKey)
    {
        var options = new TensorOneClientOptions
        {
            BaseUri = baseUri,
            ApiKey = apiKey,
            MaxConnectionsPerServer = MaxConnections,
            Log = ClientLogRouter.Forward,
        };
        EndpointClocks.Apply(options);
        return new TensorOneClient(options);
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

    private sealed class RunspaceConnection(SessionConnection connection, RunspaceMarker marker)
    {
        public SessionConnection Connection { get; } = connection;

        public RunspaceMarker Marker { get; } = marker;
    }
}
