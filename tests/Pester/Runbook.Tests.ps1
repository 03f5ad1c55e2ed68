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
    Exit-TestFile $savedEnvironment
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
        # The table; the timestamped summary after it is one line of its own, however long.
        $lines = @(Get-Content $logFile | Where-Object { $_.Trim() -and $_ -notmatch '^WARNING: ' })
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        $lines[0] | Should -Match '^Id\s+Name\s+Status\s+Phase\s+SnapshotId\s*$'
        $rows = @($lines | Select-Object -Skip 2)
        $rows.Count | Should -Be 2 -Because ($lines -join "`n")
        foreach ($row in $rows) {
            $row | Should -Match '^cluster_\w+\s+\S+\s+stopped\s+Completed\s+snap_\w+$'
        }
    }
}

Describe 'Stop-IdleClusters.ps1 as a scheduled task logs it (> log 2>&1, no -Verbose or -InformationAction)' {
    BeforeEach {
        $taskEnvironment = Save-TensorOneEnvironment
        $env:PSModulePath = (Join-Path $RepoRoot 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $logFile = Join-Path $TestDrive ('sweep-' + [guid]::NewGuid().ToString('N') + '.log')
        $stamp = '\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
    }

    AfterEach {
        Restore-TensorOneEnvironment $taskEnvironment
        if ($simulator) { Stop-TestSimulator $simulator; $simulator = $null }
    }

    It 'writes one timestamped summary line after the table and exits 0 when every idle cluster stopped' {
        $simulator = Start-TestSimulator
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook > $logFile 2>&1
        $code = $LASTEXITCODE
        $log = Get-Content $logFile -Raw

        $code | Should -Be 0 -Because $log
        $summary = @(Get-Content $logFile | Where-Object { $_ -match 'Stopped 2 idle clusters' })
        $summary.Count | Should -Be 1 -Because $log
        $summary[0] | Should -Match "^WARNING: $stamp Stopped 2 idle clusters \(.*\), saving \`$10\.74/hour\.$"
    }

    It 'writes the summary once when -Verbose and -InformationAction Continue are both set' {
        $simulator = Start-TestSimulator
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook -Verbose -InformationAction Continue > $logFile 2>&1

        $LASTEXITCODE | Should -Be 0
        @(Get-Content $logFile | Where-Object { $_ -match 'Stopped 2 idle clusters' }).Count | Should -Be 1 -Because (Get-Content $logFile -Raw)
    }

    It 'writes one line when nothing is idle' {
        $simulator = Start-TestSimulator
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook -IdleMinutes 525600 > $logFile 2>&1

        $LASTEXITCODE | Should -Be 0
        $lines = @(Get-Content $logFile | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1 -Because ($lines -join "`n")
        $lines[0] | Should -Match "^WARNING: $stamp No idle clusters: 4 running"
    }

    It 'says under -WhatIf what the stop would save' {
        $simulator = Start-TestSimulator
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook -WhatIf > $logFile 2>&1

        $LASTEXITCODE | Should -Be 0
        Get-Content $logFile -Raw | Should -Match "WARNING: $stamp What if: would stop 2 idle clusters \(.*\), would save \`$10\.74/hour\."
    }

    It 'exits 1 with one compact line per refused cluster when the write budget is spent' {
        $simulator = Start-TestSimulator -WriteLimit 1
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        Invoke-ChildPwsh -NoProfile -NonInteractive -File $Runbook > $logFile 2>&1
        $code = $LASTEXITCODE
        $log = Get-Content $logFile -Raw

        $code | Should -Be 1 -Because $log
        $refused = @(Get-Content $logFile | Where-Object { $_ -match 'Not stopped' })
        $refused.Count | Should -Be 1 -Because $log
        $refused[0] | Should -Match "^WARNING: $stamp Not stopped: cluster_\w+ \(dev-notebook-01\): .*\(HTTP 429 RATE_LIMIT_EXCEEDED\)$"
        $log | Should -Match "Stopped 1 idle cluster \(.*\), saving .* 1 failed\."
        # The table (3 lines), the module's rate-limit warning, one refusal and one summary: no
        # multi-line error view.
        @(Get-Content $logFile | Where-Object { $_.Trim() }).Count | Should -BeLessOrEqual 6 -Because $log
        $log | Should -Not -Match ([regex]::Escape($simulator.ApiKey))
    }
}

Describe 'Stop-IdleClusters.ps1 as Azure Automation runs it' {
    BeforeAll {
        $simulator = Start-TestSimulator -WriteLimit 1
    }

    AfterAll {
        Stop-TestSimulator $simulator
    }

    BeforeEach {
        Disconnect-T1Account
        Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
        $automationKey = $simulator.ApiKey
        # Azure Automation's commands and job metadata, standing in.
        $null = New-Item -Path Function:\global:Get-AutomationVariable -Force -Value {
            param([Parameter(Mandatory)][string] $Name)
            if ($Name -eq 'SweepKey') { $automationKey } else { throw "Variable '$Name' not found." }
        }.GetNewClosure()
        Set-Variable -Scope Global -Name PSPrivateMetadata -Value @{ JobId = [guid]::NewGuid() }
    }

    AfterEach {
        Remove-Item Function:\Get-AutomationVariable -ErrorAction SilentlyContinue
        Remove-Variable -Scope Global -Name PSPrivateMetadata -ErrorAction SilentlyContinue
    }

    It 'reads the variable -VariableName names, warns the summary, and fails the job with a terminating error when a stop was refused' {
        $thrown = $null
        $warnings = $null
        try {
            $null = & $Runbook -BaseUri $simulator.BaseUri -VariableName SweepKey -WarningVariable warnings -WarningAction SilentlyContinue
        }
        catch { $thrown = $_ }

        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -BeLike 'TensorOne.StopFailed*'
        @($warnings | Where-Object { "$_" -match 'Stopped 1 idle cluster' }).Count | Should -Be 1
        @($warnings | Where-Object { "$_" -match 'Not stopped: cluster_' }).Count | Should -Be 1
    }
}
