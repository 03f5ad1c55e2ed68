using System.Management.Automation;
using System.Net;
using System.Security;
using TensorOne.Client;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Connect-T1Account: sets the API key and endpoint, for the whole process by default or for this
/// runspace. The key is taken as a SecureString or a PSCredential's password (no plain text in
/// history or transcripts), checked with one cheap read unless -SkipValidation, and never written
/// to disk or to any stream.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "T1Account", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(T1Account), typeof(T1Connection))]
public sealed class ConnectT1AccountCmdlet : PSCmdlet, IDisposable
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";

    // One read, retried on transient failures, must not hold a runbook for long.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();

    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true, Position = 0, HelpMessage = "Your TensorOne API key (tpo_live_... or tpo_test_...). It is read as a SecureString and never shown or written to disk.")]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    /// <summary>The key as a credential's password (Get-AutomationPSCredential, Get-Secret, Get-Credential); the user name is ignored.</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true, HelpMessage = "A credential whose password is your TensorOne API key; the user name is ignored.")]
    [ValidateNotNull]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>The API endpoint; https:// only, except for loopback hosts (a local simulator or proxy).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>Process (default): every runspace of this process sees the connection. Runspace: only this one, and it wins.</summary>
    [Parameter]
    public ConnectionScope Scope { get; set; } = ConnectionScope.Process;

    /// <summary>Named as Connect-AzAccount's: store the key without the check read (offline use, a proxy not yet up).</summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>Writes the connection itself (a T1Connection) for -Connection, instead of the account summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    public void Dispose() => _stopping.Dispose();

    protected override void StopProcessing() => _stopping.Cancel();

    protected override void EndProcessing()
    {
        // Without -BaseUri the endpoint is the one the environment names, as for unconnected sessions.
        var fromEnvironment = Environment.GetEnvironmentVariable(ModuleSession.BaseUriVariable);
        Uri baseUri;
        if (BaseUri is not null)
        {
            baseUri = BaseUri;
        }
        else if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            baseUri = BaseUriPolicy.DefaultBaseUri;
        }
        else if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out baseUri!))
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TensorOne.InvalidBaseUri", $"The {ModuleSession.BaseUriVariable} environment variable ('{fromEnvironment}') is not an absolute URI.", fromEnvironment));
            return;
        }

        if (BaseUriPolicy.Explain(baseUri) is { } problem)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TensorOne.InvalidBaseUri", problem, baseUri));
        }

        ApiKey key;
        try
        {
            var secret = ParameterSetName == CredentialSet ? Credential.Password : ApiKey;
            key = new ApiKey(new NetworkCredential(string.Empty, secret).Password);
            if (key.Problem is { } keyProblem)
            {
                throw new ArgumentException(keyProblem);
            }
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TensorOne.InvalidApiKey", ex.Message, null));
            return;
        }

        var connection = new SessionConnection(baseUri, key, ConnectionSource.ConnectT1Account, Scope);
        string checkedNote;
        TensorOneClient? client = null;
        if (SkipValidation)
        {
            // Nothing to check: the first command makes the client.
            checkedNote = "not checked (-SkipValidation)";
        }
        else
        {
            // The key's client is shared only once the key is accepted: a refused one is disposed here, key and sockets with it.
            using var trial = ModuleSession.Trial(connection);
            trial.Refuse();
            checkedNote = CheckKey(trial.Client);
            trial.Keep();
            client = trial.Client;
        }

        ModuleSession.Connect(connection, SessionState);
        var where = Scope == ConnectionScope.Process ? "every runspace of this process" : "this runspace";
        WriteVerbose($"Connected to {baseUri} with a {key.Kind} key for {where}; the key was {checkedNote}.");

        // This runspace's own connection wins over the process one: say so, or the new key looks in force here when it is not.
        if (Scope == ConnectionScope.Process && ModuleSession.Explicit(SessionState) is { Scope: ConnectionScope.Runspace } own)
        {
            WriteWarning($"This runspace keeps its own connection (Connect-T1Account -Scope Runspace) to {own.BaseUri}, and the cmdlets here use it; Disconnect-T1Account -Scope Runspace lets the new process-wide connection apply.");
        }

        WriteObject(PassThru ? new T1Connection(connection) : T1Account.From(connection, client));
    }

    /// <summary>
    /// One lean read. A rejected key is refused with the error record the cmdlets write for it; the
    /// connection is then not stored. Returns how the check ended, for the Verbose message.
    /// </summary>
    private string CheckKey(TensorOneClient client)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        bounded.CancelAfter(CheckTimeout);
        try
        {
            client.CheckAccessAsync(bounded.Token).GetAwaiter().GetResult();
            return "accepted by the API";
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (OperationCanceledException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new TimeoutException($"The API at {client.BaseUri} did not answer the key check within {CheckTimeout.TotalSeconds:0} seconds. Check the endpoint, or connect with -SkipValidation to store the key without checking it."),
                "TensorOne.KeyCheckTimedOut",
                ErrorCategory.OperationTimeout,
                client.BaseUri));
        }
        catch (TensorOneRequestFailedException failure) when (failure.Status is 403 or 429)
        {
            // The API answered for this key without refusing it: a key that may not list clusters, or one
            // out of budget for the hour, is still the user's key.
            WriteWarning($"The key check read was not answered with clusters ({failure.ApiMessage}); the key is stored, but the API may refuse some commands.");
            return "not refused, but not confirmed either";
        }
        catch (TensorOneRequestFailedException failure)
        {
            var record = ErrorRecords.FromFailure(failure, null);
            if (!failure.IsAuthenticationFailure)
            {
                record.ErrorDetails.RecommendedAction = "Check the endpoint and the network path to it, or connect with -SkipValidation to store the key without checking it.";
            }

            ThrowTerminatingError(record);
        }

        return "";
    }
}
