#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The module's user flows, as a user runs them in pwsh: connect, list, the idle pipeline, -WhatIf,
    stop -Wait, restart, and the errors a script handles. Each Describe block gets its own simulator
    (tools/TensorOne.Simulator, demo fleet; see TestHelpers.ps1) over real HTTP.

        Invoke-Pester tests/Pester -Output Detailed        (./build.ps1 -Task Test runs them too)
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $savedEnvironment = Enter-TestFile
}

AfterAll {
    Exit-TestFile $savedEnvironment
}

Describe 'Connecting' {
    BeforeAll {
        $simulator = Start-TestSimulator
    }

    AfterAll {
        Disconnect-T1Account
        Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
        Stop-TestSimulator $simulator
    }

    It 'connects with a SecureString key and reports the endpoint and kind of key, never the key' {
        $account = Connect-TestSimulator $simulator

        $account.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $simulator.BaseUri.TrimEnd('/')
        $account.KeyKind | Should -Be 'test'
        ($account | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($simulator.ApiKey))
        @(Get-T1Cluster).Count | Should -Be 6
    }

    It 'uses TENSORONE_API_KEY and TENSORONE_BASE_URI when the session is not connected' {
        Disconnect-T1Account
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        try {
            @(Get-T1Cluster).Count | Should -Be 6
        }
        finally {
            Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
        }
    }

    It 'stops the command at once when the key is rejected' {
        # -SkipValidation: Connect-T1Account itself would refuse the key (tests/Pester/Sessions.Tests.ps1).
        $null = Connect-T1Account -ApiKey (ConvertTo-TestSecureString 'tpo_test_not_the_right_key') -BaseUri $simulator.BaseUri -SkipValidation
        $thrown = Get-ThrownError { Get-T1Cluster }

        $thrown | Should -Not -BeNullOrEmpty
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -Match 'UNAUTHORIZED'
        $thrown.ToString() | Should -Not -Match 'not_the_right_key'
    }

}

Describe 'Listing clusters' {
    BeforeAll {
        $simulator = Enter-ConnectedSimulator
    }

    AfterAll {
        Exit-ConnectedSimulator $simulator
    }

    It 'lists every cluster as a typed object' {
        $clusters = @(Get-T1Cluster)

        $clusters.Count | Should -Be 6
        $clusters | ForEach-Object { $_.GetType().FullName | Should -Be 'TensorOne.PowerShell.T1Cluster' }
        $clusters.Id | Should -Contain $DemoFleet.Busy
        ($clusters | Where-Object Id -EQ $DemoFleet.IdleA100).IdleTime | Should -BeOfType [timespan]
    }

    It 'filters by status, and by name with wildcards' {
        @(Get-T1Cluster -Status running).Count | Should -Be 4
        @(Get-T1Cluster -Name 'ml-*').Name | Sort-Object | Should -Be @('ml-eval-01', 'ml-train-01', 'ml-train-02')
    }

    It 'reads clusters by id from strings and from objects with a cluster_id property' {
        @($DemoFleet.Busy, $DemoFleet.Stopped | Get-T1Cluster).Name | Sort-Object | Should -Be @('ml-eval-01', 'ml-train-01')
        ([pscustomobject]@{ cluster_id = $DemoFleet.Serving } | Get-T1Cluster).Name | Should -Be 'inference-prod-01'
    }

    It 'shows clusters in the default table view' {
        $table = Get-T1Cluster -Status running | Out-String

        $table | Should -Match 'Id\s+Name\s+Status'
        $table | Should -Match 'ml-train-01'
    }
}

Describe 'Stopping idle clusters' {
    BeforeAll {
        $simulator = Enter-ConnectedSimulator
        $idleIds = @($DemoFleet.IdleA100, $DemoFleet.IdleRtx) | Sort-Object
    }

    AfterAll {
        Exit-ConnectedSimulator $simulator
    }

    It 'selects the running clusters unused for more than 30 minutes' {
        $idle = Get-T1Cluster -Status running | Where-Object IdleTime -GT '00:30:00'

        @($idle.Id | Sort-Object) | Should -Be $idleIds
    }

    It 'stops them with -Wait and returns each one stopped, with its snapshot' {
        $stopped = @(Get-T1Cluster -Status running | Where-Object IdleTime -GT '00:30:00' |
                Stop-T1Cluster -Reason 'Pester: idle' -SaveState -Wait)

        @($stopped.Id | Sort-Object) | Should -Be $idleIds
        foreach ($operation in $stopped) {
            $operation.GetType().FullName | Should -Be 'TensorOne.PowerShell.T1ClusterOperation'
            $operation.Status | Should -Be 'stopped'
            $operation.Completed | Should -BeTrue
            $operation.SnapshotId | Should -Not -BeNullOrEmpty
        }
        (Get-T1Cluster $DemoFleet.IdleA100).Status | Should -Be 'stopped'
        (Get-T1Cluster $DemoFleet.Busy).Status | Should -Be 'running'
    }

    It 'warns, without an error, and returns the state when a cluster is already stopped' {
        $result = Stop-T1Cluster $DemoFleet.Stopped -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable stopErrors

        $stopErrors | Should -BeNullOrEmpty
        ($warnings -join "`n") | Should -Match 'already stopped'
        $result.Status | Should -Be 'stopped'
        $result.Completed | Should -BeTrue
    }

}

Describe 'Errors a script handles' {
    BeforeAll {
        $simulator = Enter-ConnectedSimulator
    }

    AfterAll {
        Exit-ConnectedSimulator $simulator
    }

    It 'writes one non-terminating ObjectNotFound error for an unknown id, and the batch goes on' {
        $results = @('cluster_doesnotexist', $DemoFleet.Serving | Stop-T1Cluster -Reason 'Pester' -ErrorAction SilentlyContinue -ErrorVariable stopErrors)

        $stopErrors.Count | Should -Be 1
        $stopErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $stopErrors[0].TargetObject | Should -Be 'cluster_doesnotexist'
        $stopErrors[0].FullyQualifiedErrorId | Should -Match 'NOT_FOUND'
        $stopErrors[0].ToString() | Should -Match 'req_'
        $results.Count | Should -Be 1
        $results[0].Id | Should -Be $DemoFleet.Serving
    }

    It 'raises T1ApiException, with the API fields, under -ErrorAction Stop' {
        $caught = $null
        try {
            Stop-T1Cluster cluster_nowhere -ErrorAction Stop
        }
        catch [TensorOne.PowerShell.T1ApiException] {
            $caught = $_.Exception
        }

        $caught | Should -Not -BeNullOrEmpty
        $caught.StatusCode | Should -Be 404
        $caught.ErrorCode | Should -Be 'CLUSTER_NOT_FOUND'
        $caught.ClusterId | Should -Be 'cluster_nowhere'
        $caught.RequestId | Should -Match '^req_'
    }
}

Describe 'Restarting' {
    BeforeAll {
        $simulator = Enter-ConnectedSimulator
    }

    AfterAll {
        Exit-ConnectedSimulator $simulator
    }

    It 'restarts a stopped cluster and waits until it is running' {
        $restarted = Restart-T1Cluster $DemoFleet.Stopped -Reason 'Pester: back to work' -Wait

        $restarted.GetType().FullName | Should -Be 'TensorOne.PowerShell.T1ClusterOperation'
        $restarted.Status | Should -Be 'running'
        $restarted.Completed | Should -BeTrue
        (Get-T1Cluster $DemoFleet.Stopped).Status | Should -Be 'running'
    }

    It 'restores a cluster from the snapshot its stop took when the stop is piped to the restart' {
        $restarted = Stop-T1Cluster $DemoFleet.IdleRtx -SaveState -Wait -Reason 'Pester' |
            Restart-T1Cluster -Wait -Reason 'Pester: restore'

        $restarted.Status | Should -Be 'running'
        $restarted.RestoredFromSnapshot | Should -Match '^snap_'
    }
}
