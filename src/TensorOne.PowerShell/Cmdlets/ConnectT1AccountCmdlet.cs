using System.Management.Automation;
using System.Net;
using System.Security;
using TensorOne.Client;
using TensorOne.PowerShell.Infrastructure;
using TensorOne.PowerShell.Session;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// Connect-T1Account: sets this session's API key and endpoint. The key is taken as a SecureString
/// (no plain text in history or transcripts) and is never written to disk or to any stream.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "T1Account")]
[OutputType(typeof(T1Account))]
public sealed class ConnectT1AccountCmdlet : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "Your TensorOne API key (tpo_live_... or tpo_test_...). It is read as a SecureString and never shown or written to disk.")]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    /// <summary>The API endpoint; https:// only, except for loopback hosts (a local simulator or proxy).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

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
            key = new ApiKey(new NetworkCredential(string.Empty, ApiKey).Password);
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

        var connection = new SessionConnection(baseUri, key, ConnectionSource.ConnectT1Account);
        ModuleSession.Connect(connection);
        WriteVerbose($"Connected to {baseUri} with a {key.Kind} key for this session.");
        WriteObject(new T1Account { BaseUri = baseUri, KeyKind = key.Kind, Source = connection.Source.ToString() });
    }
}
