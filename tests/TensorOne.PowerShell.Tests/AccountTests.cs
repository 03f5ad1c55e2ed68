namespace TensorOne.PowerShell.Tests;

/// <summary>Connect-T1Account's key check, -Credential and -SkipValidation; Get-T1Account. The key appears in no output.</summary>
public sealed class AccountTests
{
    private const string SecureKey = "$s = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $s.AppendChar($c) }; ";

    [Fact]
    public async Task Connect_checks_the_key_with_one_lean_read_and_reports_the_account_without_the_key()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "tpo_live_checked_0123456789wxyz" });
        using var session = new PowerShellSession();

        var result = session.Run(SecureKey + "Connect-T1Account -ApiKey $s -BaseUri $uri -Verbose", new() { ["key"] = server.Options.ApiKey, ["uri"] = server.BaseUri });

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        var read = Assert.Single(server.State.Requests);
        Assert.Equal("GET", read.Method);
        Assert.Contains("limit=1", read.Query);
        Assert.Contains("include_metrics=false", read.Query);
        var account = Assert.Single(result.Output);
        Assert.Equal("live", account.Properties["KeyKind"].Value);
        Assert.Equal("wxyz", account.Properties["KeyLastFour"].Value);
        Assert.Equal("Connect-T1Account", account.Properties["Source"].Value);
        Assert.Equal("Runspace", account.Properties["Scope"].Value);
        Assert.NotNull(account.Properties["RequestsRemaining"].Value);
        Assert.Contains(result.Verbose, v => v.Message.Contains("accepted by the API"));

        // The table view is checked in a real pwsh (tests/Pester): this engine has no formatting cmdlets.
        var shown = session.Run("Get-T1Account");
        Assert.Equal("wxyz", Assert.Single(shown.Output).Properties["KeyLastFour"].Value);
        Assert.DoesNotContain(server.Options.ApiKey, result.AllText + shown.AllText);
        Assert.Single(server.State.Requests); // Get-T1Account sends nothing
    }

    [Fact]
    public async Task A_rejected_key_is_refused_with_the_cmdlets_AuthenticationError_and_nothing_is_connected()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var session = new PowerShellSession();
        const string wrongKey = "tpo_live_WRONG_connect_secret_99";

        var result = session.RunCatching(SecureKey + "Connect-T1Account -ApiKey $s -BaseUri $uri", new() { ["key"] = wrongKey, ["uri"] = server.BaseUri });

        Assert.NotNull(result.Caught);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Caught!.CategoryInfo.Category);
        Assert.StartsWith("UNAUTHORIZED,", result.Caught.FullyQualifiedErrorId);
        Assert.Equal("TensorOne.PowerShell.T1ApiException", result.Caught.Exception.GetType().FullName);
        Assert.Contains("Connect-T1Account", result.Caught.ErrorDetails.RecommendedAction);
        Assert.Single(server.State.Requests);
        Assert.Empty(session.Run("Get-T1Account").Output);
        Assert.DoesNotContain(wrongKey, result.AllText);
        Assert.DoesNotContain("WRONG_connect", result.AllText);
    }

    [Fact]
    public void SkipValidation_connects_offline_and_an_unreachable_endpoint_is_refused_without_it()
    {
        using var session = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["key"] = "tpo_test_offline_key_1234", ["uri"] = "http://127.0.0.1:1/v2" };

        var refused = session.RunCatching(SecureKey + "Connect-T1Account -ApiKey $s -BaseUri $uri", variables);
        Assert.NotNull(refused.Caught);
        Assert.Equal(ErrorCategory.ConnectionError, refused.Caught!.CategoryInfo.Category);
        Assert.Contains("-SkipValidation", refused.Caught.ErrorDetails.RecommendedAction);
        Assert.Empty(session.Run("Get-T1Account").Output);

        var offline = session.Run(SecureKey + "Connect-T1Account -ApiKey $s -BaseUri $uri -SkipValidation", variables);
        Assert.True(offline.Terminating is null && offline.Errors.Count == 0, offline.AllText);
        Assert.Equal("test", Assert.Single(offline.Output).Properties["KeyKind"].Value);
        Assert.DoesNotContain("tpo_test_offline_key_1234", refused.AllText + offline.AllText);
    }

    [Fact]
    public async Task Credential_uses_the_password_as_the_key_and_ignores_the_user_name()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { ApiKey = "tpo_test_credential_" + Guid.NewGuid().ToString("N") }, ("cluster_cred", "cred"));
        using var session = new PowerShellSession();

        var result = session.Run(
            SecureKey + "$credential = [pscredential]::new('automation-user', $s); Connect-T1Account -Credential $credential -BaseUri $uri | Out-Null; Get-T1Cluster -Id cluster_cred",
            new() { ["key"] = server.Options.ApiKey, ["uri"] = server.BaseUri });

        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText);
        Assert.Equal("cred", Assert.Single(result.Output).Properties["Name"].Value);
        Assert.All(server.State.Requests, r => Assert.Equal("Bearer " + server.Options.ApiKey, r.Headers["Authorization"]));
        Assert.DoesNotContain(server.State.Requests, r => r.Headers.Values.Any(v => v.Contains("automation-user")));
        Assert.DoesNotContain(server.Options.ApiKey, result.AllText);
    }

    [Fact]
    public void Get_T1Account_writes_nothing_and_no_error_when_not_connected()
    {
        // The test process never sets TENSORONE_API_KEY (the Pester tests cover the environment source).
        using var session = new PowerShellSession();
        var result = session.Run("Get-T1Account -Verbose");
        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("Not connected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_already_stopped_cluster_carries_no_saving_and_says_why()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_idle", "idle", status: "stopped", hourlyRate: 4);

        var result = h.Run("Stop-T1Cluster cluster_idle -WarningAction SilentlyContinue");

        var output = Assert.Single(result.Output);
        Assert.Null(output.Properties["HourlyRateSaved"].Value);
        Assert.Contains("HourlyRateSaved", output.Properties["Note"].Value?.ToString());
        Assert.Equal(true, output.Properties["Completed"].Value);
    }
}
