#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    examples/Stop-IdleClusters.ps1 where it runs: in a session (the key from the environment, or from
    an Automation variable when Get-AutomationVariable exists), and as a scheduled task runs it, a
    fresh pwsh -File that finds the module on PSModulePath. Demo fleet: see TestHelpers.ps1 (two
    running clusters are idle and quiet: ml-train-02 and dev-notebook-01, $10.74/hour together).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-TestModule
    $savedEnvironment = Save-TensorOneEnvironment
    $idleIds = @($DemoFleet.IdleA100, $DemoFleet.IdleRtx) | Sort-Object
}

AfterAll {
    Disconnect-T1Account
    Restore-TensorOneEnvironment $savedEnvironment
}

Describe 'Stop-IdleClusters.ps1 in a session' {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Stop-TestSimulator $simulator
    }

    BeforeEach {
        Disconnect-T1Account
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
    }

    AfterEach {
        Remove-Item Function:\Get-AutomationVariable -ErrorAction SilentlyContinue
        Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
    }

    It 'stops exactly the idle, quiet clusters and returns one typed result for each' {
        $stopped = @(& $Runbook -IdleMinutes 30 -MaxGpuUtilization 10 -Reason 'Pester: nightly sweep' -Wait)

        @($stopped.Id | Sort-Object) | Should -Be $idleIds
        foreach ($operation in $stopped) {
            $operation.GetType().FullName | Should -Be 'TensorOne.PowerShell.T1ClusterOperation'
            $operation.Status | Should -Be 'stopped'
        }
        (Get-T1Cluster $DemoFleet.Busy).Status | Should -Be 'running'
        (Get-T1Cluster $DemoFleet.Serving).Status | Should -Be 'running'
    }
}

Describe 'Stop-IdleClusters.ps1 as a scheduled task runs it' {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Stop-TestSimulator $simulator
    }

    BeforeEach {
        $taskEnvironment = Save-TensorOneEnvironment
        # The task's machine has the module installed: here, the staged out/TensorOne on PSModulePath.
        $env:PSModulePath = (Join-Path $RepoRoot 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
    }

    AfterEach {
        Restore-TensorOneEnvironment $taskEnvironment
    }

    It 'exits 1 with a clear message when the environment holds no key' {
        Remove-Item Env:TENSORONE_API_KEY -ErrorAction SilentlyContinue
        $log = Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook 2>&1 | Out-String

        $LASTEXITCODE | Should -Be 1
        $log | Should -Match 'No TensorOne API key'
        $log | Should -Match 'TENSORONE_API_KEY'
    }

    It 'loads the module itself, takes the key from TENSORONE_API_KEY, stops the idle clusters and exits 0' {
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        $log = Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook -Reason 'Pester: scheduled task' -InformationAction Continue *>&1 | Out-String

        $LASTEXITCODE | Should -Be 0 -Because $log
        $log | Should -Match 'Stopped 2 idle clusters'
        $log | Should -Not -Match ([regex]::Escape($simulator.ApiKey))
        $null = Connect-TestSimulator $simulator
        (Get-T1Cluster $DemoFleet.IdleA100).Status | Should -BeIn @('stopping', 'stopped')
        (Get-T1Cluster $DemoFleet.Busy).Status | Should -Be 'running'
    }
}

Describe 'Stop-IdleClusters.ps1 redirected to a log file' {
    BeforeAll {
        $simulator = Start-TestSimulator
        $taskEnvironment = Save-TensorOneEnvironment
        $env:PSModulePath = (Join-Path $RepoRoot 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
    }

    AfterAll {
        Restore-TensorOneEnvironment $taskEnvironment
        Stop-TestSimulator $simulator
    }

    It 'writes a table that reads at 80 columns, SnapshotId whole' {
        $logFile = Join-Path $TestDrive 'sweep.log'
        # As a scheduled task runs it: pwsh -NonInteractive -File Stop-IdleClusters.ps1 > log
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook -SaveState -Wait > $logFile

        $LASTEXITCODE | Should -Be 0
        Get-Content $logFile -Raw | Should -Not -Match "\e\[" -Because 'a log is plain text'
        $lines = @(Get-Content $logFile | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        $lines[0] | Should -Match '^Id\s+Name\s+Status\s+Phase\s+SnapshotId\s*$'
        $rows = @($lines | Select-Object -Skip 2)
        $rows.Count | Should -Be 2 -Because ($lines -join "`n")
        foreach ($row in $rows) {
            $row | Should -Match '^cluster_\w+\s+\S+\s+stopped\s+Completed\s+snap_\w+$'
        }
    }
}
