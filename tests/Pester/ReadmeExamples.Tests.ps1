<#
    README examples that must run as written, in a fresh pwsh like a user's.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
}

Describe "The README's ForEach-Object -Parallel example" {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Stop-TestSimulator $simulator
    }

    It 'stops each cluster when the module was imported by path, not from PSModulePath' {
        # The example's lines, from `$module = ...` (if any) to the -Parallel line.
        $lines = @($readme -split "`r?`n" | Where-Object { $_ -match '^\$module = \(Get-Module TensorOne\)|^\$ids \| ForEach-Object -Parallel' })
        $lines.Count | Should -BeGreaterThan 0
        $example = ($lines -join "`n")
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-T1Account -ApiKey (ConvertTo-SecureString '$($simulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($simulator.BaseUri)' | Out-Null
`$ids = '$($DemoFleet.IdleA100)', '$($DemoFleet.IdleRtx)'
$example | ForEach-Object { "stopped `$(`$_.Id)" }
"@
        $saved = $env:PSModulePath
        try {
            # Only pwsh's own modules: the module is reachable by its path alone.
            $env:PSModulePath = Join-Path $PSHOME 'Modules'
            $text = Invoke-ChildPwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        }
        finally { $env:PSModulePath = $saved }

        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match "stopped $($DemoFleet.IdleA100)"
        $text | Should -Match "stopped $($DemoFleet.IdleRtx)"
    }
}

Describe 'The error for a session with no key' {
    It 'names Connect-T1Account first, the credential asset for Automation, and the environment variable last, as the README does' {
        $saved = Save-TensorOneEnvironment
        try {
            Remove-Item Env:TENSORONE_API_KEY -ErrorAction SilentlyContinue
            $text = Invoke-ChildPwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; try { Get-T1Cluster -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }" 2>&1 | Out-String
        }
        finally { Restore-TensorOneEnvironment $saved }

        $text | Should -Match 'TensorOne\.NoApiKey'
        $text | Should -Match 'Connect-T1Account -ApiKey'
        $text | Should -Match 'Connect-T1Account -Credential'
        $text | Should -Match 'Get-AutomationPSCredential'
        $text | Should -Not -Match 'encrypted Automation variable'
        $text.IndexOf('Connect-T1Account') | Should -BeLessThan $text.IndexOf('TENSORONE_API_KEY')
    }
}
