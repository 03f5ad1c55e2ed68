#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Connections as a script that works in two accounts sees them, in a real pwsh: per-call
    connections from Connect-T1Account -PassThru, their table view, Disconnect-T1Account saying
    what applies after it. The key appears in no output.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $savedEnvironment = Enter-TestFile
}

AfterAll {
    Exit-TestFile $savedEnvironment
}

Describe 'Two accounts in one script' {
    BeforeAll {
        $fleetA = Start-TestSimulator
        $fleetB = Start-TestSimulator
        $a = Connect-T1Account -ApiKey (ConvertTo-TestSecureString $fleetA.ApiKey) -BaseUri $fleetA.BaseUri -PassThru
        $b = Connect-T1Account -ApiKey (ConvertTo-TestSecureString $fleetB.ApiKey) -BaseUri $fleetB.BaseUri -PassThru
    }

    AfterAll {
        Disconnect-T1Account
        Stop-TestSimulator $fleetA
        Stop-TestSimulator $fleetB
    }

    It 'works in both accounts through -Connection and -DefaultProfile without connecting again' {
        Stop-T1Cluster -Id $DemoFleet.IdleA100 -Connection $a -Wait | Out-Null
        Stop-T1Cluster -Id $DemoFleet.IdleRtx -DefaultProfile $b -Wait | Out-Null

        (Get-T1Cluster -Id $DemoFleet.IdleA100 -Connection $a).Status | Should -Be 'stopped'
        (Get-T1Cluster -Id $DemoFleet.IdleRtx -Connection $a).Status | Should -Be 'running'
        (Get-T1Cluster -Id $DemoFleet.IdleRtx -Connection $b).Status | Should -Be 'stopped'
        (Get-T1Cluster -Id $DemoFleet.IdleA100 -Connection $b).Status | Should -Be 'running'
        (Get-T1Account -Connection $a).BaseUri.Port | Should -Be ([uri] $fleetA.BaseUri).Port
        (Get-T1Account -Connection $b).BaseUri.Port | Should -Be ([uri] $fleetB.BaseUri).Port
    }

    It 'shows the connection in a table that fits 80 columns, never with the key' {
        $table = $a, $b | Format-Table | Out-String -Width 80
        $list = $a, $b | Format-List * | Out-String
        $text = $table + $list + $a.ToString() + $b.ToString() + ($a, $b | ConvertTo-Json)

        $table | Should -Match ('\*\*\*\*' + [regex]::Escape($fleetA.ApiKey.Substring($fleetA.ApiKey.Length - 4)))
        foreach ($line in $table -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        Assert-NoKey $text $fleetA.ApiKey
        Assert-NoKey $text $fleetB.ApiKey
    }

    It 'names where the session connection came from in words' {
        (Get-T1Account).Source | Should -Be 'Connect-T1Account'
    }

    It 'refuses a per-call connection after Disconnect-T1Account -Connection, with an error that says so' {
        $c = Connect-T1Account -ApiKey (ConvertTo-TestSecureString $fleetA.ApiKey) -BaseUri $fleetA.BaseUri -Scope Runspace -PassThru -SkipValidation
        Disconnect-T1Account -Connection $c -WarningAction SilentlyContinue

        $thrown = Get-ThrownError { Get-T1Cluster -Id $DemoFleet.Busy -Connection $c }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'TensorOne.ConnectionDisconnected*'
        $thrown.Exception.Message | Should -Match 'Disconnect-T1Account'
        $c.Disconnected | Should -BeTrue
        # The runspace connection it also was is gone; the process one (B's) applies again.
        (Get-T1Account).BaseUri.Port | Should -Be ([uri] $fleetB.BaseUri).Port
    }
}

Describe 'After Disconnect-T1Account' {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Remove-Item Env:TENSORONE_API_KEY -ErrorAction SilentlyContinue
        Stop-TestSimulator $simulator
    }

    It 'warns that the environment key now applies, naming it without showing it' {
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Connect-TestSimulator $simulator | Out-Null

        $warnings = Disconnect-T1Account 3>&1 | Out-String

        $warnings | Should -Match 'TENSORONE_API_KEY'
        $warnings | Should -Match 'now use'
        $warnings | Should -Match ('\*\*\*\*' + [regex]::Escape($simulator.ApiKey.Substring($simulator.ApiKey.Length - 4)))
        Assert-NoKey $warnings $simulator.ApiKey
        (Get-T1Account).Source | Should -Be 'Environment'
    }
}
