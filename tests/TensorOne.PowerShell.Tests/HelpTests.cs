using Xunit;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The staged help, as Get-Help shows it. Every check starts from what the module exports, so a
/// cmdlet or parameter added without help fails here, not in a user's console.
/// </summary>
public sealed class HelpTests
{
    // One line per problem found; "checked:<cmdlet>" lines prove the loop ran over every export.
    private const string AuditScript = @"
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        foreach ($command in Get-Command -Module TensorOne -CommandType Cmdlet) {
            $name = $command.Name
            'checked:' + $name
            $help = Get-Help $name -Full

            $synopsis = ""$($help.Synopsis)"".Trim()
            if (-not $synopsis) { ""${name}: no synopsis"" }
            elseif ($synopsis.StartsWith($name)) { ""${name}: the synopsis is the generated syntax, so no help was found"" }

            $description = ($help.description | ForEach-Object { $_.Text }) -join ''
            if (-not $description.Trim()) { ""${name}: no description"" }

            $documented = @{}
            foreach ($parameter in @($help.parameters.parameter)) {
                if ($parameter) { $documented[[string]$parameter.name] = (($parameter.description | ForEach-Object { $_.Text }) -join '').Trim() }
            }
            foreach ($parameter in $command.Parameters.Keys) {
                if ($common -contains $parameter) { continue }
                if (-not $documented.ContainsKey($parameter)) { ""${name}: -$parameter has no help"" }
                elseif (-not $documented[$parameter]) { ""${name}: -$parameter has no description"" }
            }
            foreach ($parameter in $documented.Keys) {
                if (-not $command.Parameters.ContainsKey($parameter)) { ""${name}: help documents -$parameter, which the cmdlet does not have"" }
            }

            $examples = @($help.examples.example | Where-Object { $_ })
            if ($examples.Count -lt 2) { ""${name}: $($examples.Count) examples, at least 2 wanted"" }
            foreach ($example in $examples) {
                $code = [string]$example.code
                if (-not $code.Trim()) { ""${name}: example '$($example.title)' has no code"" ; continue }
                if (-not (($example.remarks | ForEach-Object { $_.Text }) -join '').Trim()) { ""${name}: example '$($example.title)' does not explain itself"" }
                $tokens = $null; $errors = $null
                [void][System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$errors)
                if ($errors.Count -gt 0) { ""${name}: example '$($example.title)' does not parse: $($errors[0].Message)"" }
                if ($code -notmatch [regex]::Escape($name)) { ""${name}: example '$($example.title)' does not use $name"" }
            }

            $outputs = @($help.returnValues.returnValue | ForEach-Object { [string]$_.type.name } | Where-Object { $_ })
            if ($outputs.Count -eq 0) { ""${name}: no output types"" }
            foreach ($type in $command.OutputType) {
                if ($outputs -notcontains $type.Name) { ""${name}: the output type $($type.Name) is not in the help"" }
            }
        }";

    [Fact]
    public void Every_exported_cmdlet_has_complete_help()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("(Get-Command -Module TensorOne -CommandType Cmdlet).Name").Output.Select(o => o.BaseObject.ToString()).ToList();
        var result = session.Run(AuditScript);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var lines = result.Output.Select(o => o.BaseObject.ToString() ?? "").ToList();
        Assert.NotEmpty(exported);
        Assert.Equal(exported.Select(n => "checked:" + n), lines.Where(l => l.StartsWith("checked:", StringComparison.Ordinal)));
        var problems = lines.Where(l => !l.StartsWith("checked:", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "Help problems:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Stop-T1Cluster", "WhatIf")]
    [InlineData("Stop-T1Cluster", "Confirm")]
    [InlineData("Restart-T1Cluster", "WhatIf")]
    [InlineData("Restart-T1Cluster", "Confirm")]
    public void ShouldProcess_parameters_are_documented_by_the_module(string cmdlet, string parameter)
    {
        using var session = new PowerShellSession();
        var description = session.Run(
            "(Get-Help $cmdlet -Parameter $parameter).description | ForEach-Object { $_.Text }",
            new() { ["cmdlet"] = cmdlet, ["parameter"] = parameter });
        var text = string.Concat(description.Output.Select(o => o.BaseObject.ToString()));
        Assert.Contains("cluster", text);
    }

    [Fact]
    public void Force_help_says_it_is_not_the_APIs_force()
    {
        using var session = new PowerShellSession();
        var text = string.Concat(session.Run("(Get-Help Stop-T1Cluster -Parameter Force).description | ForEach-Object { $_.Text }").Output.Select(o => o.BaseObject.ToString()));
        Assert.Contains("-Immediate", text);
        Assert.Contains("-DiscardData", text);
    }

    [Fact]
    public void About_topic_is_found_and_covers_configuration_and_errors()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Get-Help about_TensorOne");

        Assert.Empty(result.Errors);
        var text = string.Concat(result.Output.Select(o => o.BaseObject.ToString()));
        Assert.StartsWith("TOPIC", text.TrimStart());
        foreach (var expected in new[] { "SHORT DESCRIPTION", "TENSORONE_API_KEY", "TENSORONE_BASE_URI", "Connect-T1Account", "Azure Automation", "FullyQualifiedErrorId", "TensorOne.PowerShell.T1ApiException", "-Wait", "Wait-T1Cluster", "Get-T1Account", "-AsJob", "-Scope Runspace", "-Credential", "-SkipValidation", "Get-AutomationPSCredential" })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void About_topic_synopsis_is_its_short_description()
    {
        // Get-Help lists an about topic with the line under SHORT DESCRIPTION: the layout must keep it there.
        using var session = new PowerShellSession();
        var synopsis = session.Run("(Get-Help about_TensorOne*) | Where-Object Name -eq 'about_TensorOne' | ForEach-Object Synopsis").Output.Select(o => o.BaseObject.ToString()).SingleOrDefault();
        Assert.StartsWith("Stop, restart and inspect", synopsis);
    }
}
