#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Sessions and jobs as Az and Graph users expect them, in a real pwsh: one connection the whole
    process sees (ForEach-Object -Parallel, thread jobs), -Scope Runspace beside it, Get-T1Account,
    Wait-T1Cluster, -AsJob with Receive-Job, and the example runbook with a credential asset. The
    key appears in no output of any of them.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $savedEnvironment = Enter-TestFile
}

AfterAll {
    Disconnect-T1Account -Scope Runspace
    Exit-TestFile $savedEnvironment
}

Describe 'A connection the whole process sees' {
    BeforeAll {
        $fleetA = Start-TestSimulator
        $fleetB = Start-TestSimulator
    }

    AfterAll {
        Disconnect-T1Account
        Stop-TestSimulator $fleetA
        Stop-TestSimulator $fleetB
    }

    BeforeEach {
        Connect-TestSimulator $fleetA | Out-Null
    }

    It 'is seen by ForEach-Object -Parallel' {
        $output = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:ModuleManifest
            (Get-T1Cluster -Id $using:DemoFleet.IdleA100).Status
            (Get-T1Account).Scope
        } *>&1 | Out-String

        ($output -split "`n" | Where-Object { $_ -match '^running' }).Count | Should -Be 4
        ($output -split "`n" | Where-Object { $_ -match '^Process' }).Count | Should -Be 4
        $output | Should -Not -Match 'No TensorOne API key'
        Assert-NoKey $output $fleetA.ApiKey
    }

    It 'is seen by thread jobs' {
        $busy = $DemoFleet.Busy
        $output = Start-ThreadJob {
            Import-Module $using:ModuleManifest
            Get-T1Cluster -Id $using:busy
        } | Receive-Job -Wait -AutoRemoveJob

        $output.Name | Should -Be 'ml-train-01'
    }

    It 'lets parallel runspaces with different keys work side by side without cross-talk' {
        $lines = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:ModuleManifest
            if ($_ % 2) {
                $key = $using:fleetB.ApiKey
                $secure = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $secure.AppendChar($c) }
                Connect-T1Account -ApiKey $secure -BaseUri $using:fleetB.BaseUri -Scope Runspace | Out-Null
                # B's fleet alone loses a cluster: a read that went to A would still find it.
                Stop-T1Cluster -Id $using:DemoFleet.Serving -Confirm:$false -WarningAction SilentlyContinue | Out-Null
            }
            $account = Get-T1Account
            '{0}|{1}|{2}' -f ($_ % 2), $account.BaseUri.AbsoluteUri.TrimEnd('/'), $account.Scope
        }

        foreach ($line in $lines) {
            $odd, $uri, $scope = $line -split '\|'
            if ($odd -eq '1') {
                $uri | Should -Be $fleetB.BaseUri.TrimEnd('/')
                $scope | Should -Be 'Runspace'
            }
            else {
                $uri | Should -Be $fleetA.BaseUri.TrimEnd('/')
                $scope | Should -Be 'Process'
            }
        }

        # Only B was stopped on; A's serving cluster still runs.
        (Get-T1Cluster -Id $DemoFleet.Serving).Status | Should -Be 'running'
        (Get-T1Account).Scope | Should -Be 'Process'
    }

    It 'is described by Get-T1Account in a table that fits 80 columns and never shows the key' {
        $table = Get-T1Account | Format-Table | Out-String -Width 80
        $list = Get-T1Account | Format-List * | Out-String

        $table | Should -Match 'Connect-T1Account'
        $table | Should -Match ('\*\*\*\*' + [regex]::Escape($fleetA.ApiKey.Substring($fleetA.ApiKey.Length - 4)))
        foreach ($line in $table -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $list | Should -Match 'RequestsRemaining'
        Assert-NoKey ($table + $list) $fleetA.ApiKey
    }

    It 'falls back to the environment, which Get-T1Account names as the source' {
        Disconnect-T1Account
        $env:TENSORONE_API_KEY = $fleetA.ApiKey
        $env:TENSORONE_BASE_URI = $fleetA.BaseUri
        try {
            $account = Get-T1Account
            $account.Source | Should -Be 'Environment'
            $account.Scope | Should -Be 'Process'
        }
        finally {
            Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI
        }
    }

    It 'refuses a wrong key at Connect-T1Account with the cmdlets'' AuthenticationError' {
        $thrown = Get-ThrownError { Connect-T1Account -ApiKey (ConvertTo-TestSecureString 'tpo_live_not_the_right_key_0000') -BaseUri $fleetA.BaseUri }

        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'UNAUTHORIZED*'
        ($thrown | Out-String) | Should -Not -Match 'not_the_right_key'
        # The earlier connection stays.
        (Get-T1Account).BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $fleetA.BaseUri.TrimEnd('/')
    }
}

Describe 'Waiting later and -AsJob' {
    BeforeAll {
        $simulator = Start-TestSimulator -PhaseSeconds 0.3
        Connect-TestSimulator $simulator | Out-Null
    }

    AfterAll {
        Get-Job | Where-Object PSJobTypeName -EQ 'TensorOneJob' | Remove-Job -Force
        Disconnect-T1Account
        Stop-TestSimulator $simulator
    }

    It 'Stop-T1Cluster | Wait-T1Cluster writes each cluster stopped, with Completed' {
        $stops = Stop-T1Cluster -Id $DemoFleet.IdleA100, $DemoFleet.IdleRtx -Confirm:$false
        $stops.Completed | Should -Not -Contain $true

        $done = $stops | Wait-T1Cluster
        $done.Count | Should -Be 2
        $done.Status | Sort-Object -Unique | Should -Be 'stopped'
        $done.Completed | Sort-Object -Unique | Should -Be $true
    }

    It '-AsJob returns a Job that Get-Job, Wait-Job and Receive-Job drive, with results and per-cluster errors' {
        $job = Restart-T1Cluster -Id $DemoFleet.IdleA100, 'cluster_missing' -Wait -AsJob -Confirm:$false

        $job | Should -BeOfType ([System.Management.Automation.Job])
        (Get-Job -Id $job.Id).PSJobTypeName | Should -Be 'TensorOneJob'
        $results = $job | Wait-Job -Timeout 120 | Receive-Job -ErrorVariable jobErrors -ErrorAction SilentlyContinue

        $job.State | Should -Be 'Completed'
        $results.Id | Should -Be $DemoFleet.IdleA100
        $results.Status | Should -Be 'running'
        @($jobErrors).Count | Should -Be 1
        $jobErrors[0].TargetObject | Should -Be 'cluster_missing'
        Assert-NoKey (($results | Out-String) + ($jobErrors | Out-String)) $simulator.ApiKey
    }

    It 'Stop-Job cancels a job as Ctrl+C does' {
        $slow = Start-TestSimulator -PhaseSeconds 30
        try {
            Connect-TestSimulator $slow | Out-Null
            $job = Stop-T1Cluster -Id $DemoFleet.Busy -Wait -AsJob -Confirm:$false
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-T1Cluster -Id $DemoFleet.Busy).Status -ne 'stopping' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }

            $job | Stop-Job
            $job.State | Should -Be 'Stopped'
            $null = $job | Receive-Job -WarningVariable warnings -WarningAction SilentlyContinue
            ($warnings -join "`n") | Should -Match 'go on on the server'
        }
        finally {
            Connect-TestSimulator $simulator | Out-Null
            Stop-TestSimulator $slow
        }
    }
}

Describe 'The example runbook with a credential asset' {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Remove-Item Function:\Get-AutomationPSCredential -ErrorAction SilentlyContinue
        Disconnect-T1Account
        Stop-TestSimulator $simulator
    }

    It 'connects with the asset''s password, ignores its user name, and stops the idle clusters' {
        Disconnect-T1Account
        # Azure Automation's command, standing in: a credential asset whose password is the key.
        # Global, because the runbook runs in a scope of its own; the key is closed over, not global.
        $assetKey = ConvertTo-TestSecureString $simulator.ApiKey
        $getAutomationPSCredential = {
            param([Parameter(Mandatory)][string] $Name)
            if ($Name -ne 'TensorOne') { throw "Credential asset '$Name' not found." }
            [pscredential]::new('any-user', $assetKey)
        }.GetNewClosure()
        Set-Item -Path Function:global:Get-AutomationPSCredential -Value $getAutomationPSCredential

        $all = & $Runbook -CredentialName TensorOne -BaseUri $simulator.BaseUri -Verbose *>&1
        $stopped = @($all | Where-Object { $_ -is [TensorOne.PowerShell.T1ClusterOperation] })

        ($stopped.Id | Sort-Object) | Should -Be (@($DemoFleet.IdleA100, $DemoFleet.IdleRtx) | Sort-Object)
        (($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match "the credential asset 'TensorOne'"
        Assert-NoKey ($all | Out-String) $simulator.ApiKey
    }
}
