<#
.SYNOPSIS
    The module's main job, as a user runs it: list the clusters, stop the idle ones, restart one.
.DESCRIPTION
    Runs against whatever TENSORONE_BASE_URI / TENSORONE_API_KEY (or Connect-T1Account) point at.
    `dotnet tool restore` and then `dotnet pwsh -File ./build.ps1 -Task Demo` run it in the real pwsh
    against the project's simulator. It uses only the language and the core cmdlets, so it runs in any host.
#>
[CmdletBinding()]
param(
    # A running cluster unused for longer than this is stopped.
    [int] $IdleMinutes = 30,

    # ...unless its GPUs are busier than this (percent).
    [double] $MaxGpuUtilization = 10
)

$ErrorActionPreference = 'Stop'

'== Clusters'
Get-T1Cluster | Out-Default

"== Running clusters idle for more than $IdleMinutes minutes, GPUs at most $MaxGpuUtilization% busy"
$idle = Get-T1Cluster -Status running |
    Where-Object { $_.IdleTime -gt [TimeSpan]::FromMinutes($IdleMinutes) -and $_.GpuUtilization -le $MaxGpuUtilization }
$idle | Out-Default

'== Dry run (-WhatIf): nothing is sent'
$idle | Stop-T1Cluster -Reason "Idle for more than $IdleMinutes minutes" -WhatIf

'== Stopping them, with a snapshot, and waiting phase by phase'
$stopped = $idle | Stop-T1Cluster -Reason "Idle for more than $IdleMinutes minutes" -SaveState -Wait -Verbose
$stopped | Out-Default

'== Stopping one that is already stopped: a warning, not an error'
Get-T1Cluster -Status stopped | Where-Object Name -NotIn $stopped.Name | ForEach-Object { $_.Id } |
    Stop-T1Cluster | Out-Default

'== Restarting the first stopped cluster from its snapshot, and waiting until it is ready'
$stopped | Where-Object { $_ } | ForEach-Object { $_ } | Where-Object SnapshotId |
    ForEach-Object -Begin { $first = $true } -Process { if ($first) { $first = $false; $_ } } |
    Restart-T1Cluster -Reason 'Demo: back to work' -Wait -Verbose | Out-Default

'== Afterwards'
Get-T1Cluster | Out-Default
