namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The staged help, as Get-Help shows it. That every exported cmdlet has a complete page (prose,
/// parameters, examples, outputs) is checked once, by build/HelpSync at build time; these check what
/// the generator and converter made of the pages, and the module's own words in them.
/// </summary>
public sealed class HelpTests
{
    // The metadata Get-Help shows (from the MAML built out of docs/help) against the cmdlets' own,
    // set by set, and each page's SYNTAX lines against the syntax PowerShell derives. build/HelpSync
    // writes these from the cmdlets; this catches a generator or converter that gets them wrong.
    private const string MetadataAuditScript = @"
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        function Get-PipelineText($set) {
            $ways = @(); if ($set.ValueFromPipelineByPropertyName) { $ways += 'ByPropertyName' }; if ($set.ValueFromPipeline) { $ways += 'ByValue' }
            if ($ways) { 'True (' + ($ways -join ', ') + ')' } else { 'False' }
        }
        foreach ($command in Get-Command -Module TensorOne -CommandType Cmdlet) {
            $name = $command.Name
            'checked:' + $name
            $help = Get-Help $name -Full
            $items = @($help.syntax.syntaxItem)
            if ($items.Count -ne $command.ParameterSets.Count) { ""${name}: $($items.Count) syntax items in help, $($command.ParameterSets.Count) parameter sets"" }
            $page = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($helpFolder, $name + '.md'))
            foreach ($set in $command.ParameterSets) {
                $line = $name + ' ' + $set.ToString()
                if (-not $page.Contains('```' + ""`n"" + $line + ""`n"" + '```')) { ""${name}: the page's SYNTAX lacks '$line'"" }
                $names = [string[]]@($set.Parameters | Where-Object { $common -notcontains $_.Name } | ForEach-Object Name); [array]::Sort($names)
                $item = @($items | Where-Object { $shown = [string[]]@($_.parameter | ForEach-Object { [string]$_.name }); [array]::Sort($shown); ($shown -join ',') -eq ($names -join ',') })[0]
                if (-not $item) { ""${name}: no syntax item in help has the parameters of set '$($set.Name)': $($names -join ', ')""; continue }
                foreach ($parameter in $set.Parameters) {
                    if ($common -contains $parameter.Name) { continue }
                    $documented = $item.parameter | Where-Object { [string]$_.name -eq $parameter.Name }
                    $type = $parameter.ParameterType; $inner = [Nullable]::GetUnderlyingType($type); if ($inner) { $type = $inner }
                    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
                    $position = if ($parameter.Position -lt 0) { 'named' } else { [string]$parameter.Position }
                    $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    $expected = [ordered]@{ required = ([string]$parameter.IsMandatory).ToLower(); position = $position; pipelineInput = (Get-PipelineText $parameter); aliases = $aliases; type = $type.Name; globbing = ([string]$wildcards).ToLower() }
                    $actual = [ordered]@{ required = [string]$documented.required; position = [string]$documented.position; pipelineInput = [string]$documented.pipelineInput; aliases = [string]$documented.aliases; type = [string]$documented.type.name; globbing = [string]$documented.globbing }
                    foreach ($key in $expected.Keys) {
                        if ($expected[$key] -ne $actual[$key]) { ""${name} -$($parameter.Name) (set $($set.Name)): help says $key '$($actual[$key])', the cmdlet '$($expected[$key])'"" }
                    }
                }
            }
        }";

    [Fact]
    public void Help_metadata_and_syntax_match_the_cmdlets()
    {
        AssertAuditFindsNothing(MetadataAuditScript, new() { ["helpFolder"] = Path.Combine(RepoPaths.Root, "docs", "help") }, "Help drifted from the cmdlets:");
    }

    [Fact]
    public void Every_mandatory_parameter_has_a_help_message()
    {
        // The prompt for a missing mandatory parameter offers "!?" only when there is a HelpMessage.
        using var session = new PowerShellSession();
        var result = session.Run(@"
            foreach ($command in Get-Command -Module TensorOne -CommandType Cmdlet) {
                foreach ($parameter in $command.Parameters.Values) {
                    foreach ($set in $parameter.ParameterSets.GetEnumerator()) {
                        if ($set.Value.IsMandatory) { '{0} -{1} ({2}): {3}' -f $command.Name, $parameter.Name, $set.Key, $set.Value.HelpMessage }
                    }
                }
            }");

        Assert.Empty(result.Errors);
        var mandatory = result.Output.Select(o => o.BaseObject.ToString() ?? "").ToList();
        Assert.Contains(mandatory, m => m.StartsWith("Connect-T1Account -ApiKey", StringComparison.Ordinal));
        Assert.Contains(mandatory, m => m.StartsWith("Stop-T1Cluster -Id", StringComparison.Ordinal));
        var without = mandatory.Where(m => m.EndsWith(": ", StringComparison.Ordinal) || m.EndsWith(":", StringComparison.Ordinal)).ToList();
        Assert.True(without.Count == 0, "Mandatory parameters without a HelpMessage:\n" + string.Join("\n", without));
    }

    /// <summary>Runs an audit that writes "checked:Name" per exported cmdlet and one line per problem, and asserts it ran over every cmdlet and found nothing.</summary>
    private static void AssertAuditFindsNothing(string script, Dictionary<string, object?>? variables, string heading)
    {
        using var session = new PowerShellSession();
        var exported = session.Run("(Get-Command -Module TensorOne -CommandType Cmdlet).Name").Output.Select(o => o.BaseObject.ToString()).ToList();
        var result = session.Run(script, variables);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var lines = result.Output.Select(o => o.BaseObject.ToString() ?? "").ToList();
        Assert.NotEmpty(exported);
        Assert.Equal(exported.Select(n => "checked:" + n), lines.Where(l => l.StartsWith("checked:", StringComparison.Ordinal)));
        var problems = lines.Where(l => !l.StartsWith("checked:", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, heading + "\n" + string.Join("\n", problems));
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
        Assert.Contains("does not skip confirmation", text);
        Assert.Contains("AWS.Tools", text);
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
}
