#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Every PowerShell script in the repository is clean under the PSScriptAnalyzer default rules that
    matter here (ScriptRules.ps1 lists them and says why these). The rules run over the parser's AST,
    so this needs neither PSScriptAnalyzer nor a built module. A first block proves each rule finds
    what it looks for, so a rule that silently stopped matching fails here too.
#>

BeforeDiscovery {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $skipped = [regex]'[\\/](bin|obj|out|artifacts|TestResults|\.git)[\\/]'
    $scripts = @(Get-ChildItem -Path $repoRoot -Recurse -File -Include '*.ps1', '*.psm1' |
            Where-Object { -not $skipped.IsMatch($_.FullName.Substring($repoRoot.Length)) } |
            ForEach-Object { @{ Path = $_.FullName; Name = [System.IO.Path]::GetRelativePath($repoRoot, $_.FullName) } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ScriptRules.ps1')
}

Describe 'The script rules' {
    It 'flags <Rule>' -ForEach @(
        @{ Rule = 'PSUseApprovedVerbs'; Text = 'function Fetch-Cluster { }' }
        @{ Rule = 'PSUseSingularNouns'; Text = 'function Format-Clusters($Items) { $Items }' }
        @{ Rule = 'PSUseShouldProcessForStateChangingFunctions'; Text = 'function Stop-Thing { [CmdletBinding()] param() }' }
        @{ Rule = 'PSShouldProcess'; Text = 'function Stop-Thing { [CmdletBinding(SupportsShouldProcess)] param() }' }
        @{ Rule = 'PSAvoidGlobalVars'; Text = '$global:Key = 1' }
        @{ Rule = 'PSAvoidUsingWriteHost'; Text = 'function Get-Thing { Write-Host hello }' }
        @{ Rule = 'PSAvoidUsingCmdletAliases'; Text = 'gci | % { $_ } | ? Name' }
        @{ Rule = 'PSAvoidUsingInvokeExpression'; Text = 'Invoke-Expression "Get-Date"' }
        @{ Rule = 'PSAvoidUsingEmptyCatchBlock'; Text = 'try { 1 } catch { }' }
        @{ Rule = 'PSAvoidUsingPlainTextForPassword'; Text = 'function Connect-Thing { param([string] $ApiKey) $ApiKey }' }
        @{ Rule = 'PSAvoidUsingConvertToSecureStringWithPlainText'; Text = 'ConvertTo-SecureString "x" -AsPlainText -Force' }
        @{ Rule = 'PSPossibleIncorrectComparisonWithNull'; Text = 'if ($items -eq $null) { }' }
        @{ Rule = 'PSAvoidDefaultValueSwitchParameter'; Text = 'param([switch] $Wait = $true)' }
        @{ Rule = 'PSAvoidTrailingWhitespace'; Text = "`$a = 1 `n" }
    ) {
        @(Get-ScriptRuleFinding -Text $Text).Rule | Should -Contain $Rule
    }

    It 'finds nothing in a script that follows them' {
        $clean = @'
function Stop-Thing {
    [CmdletBinding(SupportsShouldProcess)]
    param([System.Security.SecureString] $ApiKey, [switch] $Wait)
    if ($PSCmdlet.ShouldProcess('thing', 'Stop')) { Write-Verbose 'stopping' }
    if ($null -eq $ApiKey) { return }
    try { Get-ChildItem | ForEach-Object { $_ } | Where-Object Name } catch { Write-Warning $_ }
}
function Get-ClusterStatus { 'status is singular' }
function Show-Banner { Write-Host 'a Show- function may write to the host' }
'@
        @(Get-ScriptRuleFinding -Text $clean) | Should -BeNullOrEmpty
    }
}

Describe '<Name>' -ForEach $scripts {
    BeforeAll {
        $findings = @(Get-ScriptRuleFinding -Path $Path)
    }

    It 'is clean under the script rules' {
        $report = $findings | ForEach-Object { "${Name}:$($_.Line): $($_.Rule): $($_.Message)" }
        $report | Should -BeNullOrEmpty -Because 'scripts follow the PSScriptAnalyzer default rules'
    }
}
