<#
.SYNOPSIS
    Stops the TensorOne clusters that are running but idle.
.DESCRIPTION
    A cluster is idle when it is running, was last used more than -IdleMinutes ago, and its GPUs are
    at most -MaxGpuUtilization percent busy (or the API reports no utilisation). Each idle cluster gets
    one stop request with -Reason as the API's stop_reason.

    It runs unchanged in three places, with no prompt and no console:
    - Azure Automation, PowerShell 5.1 and 7.x runtimes: import the TensorOne module into the
      Automation account, store the API key as the password of a credential asset (the user name is
      ignored) and pass its name as -CredentialName, or keep it in an encrypted Automation variable
      named by -VariableName (default TensorOneApiKey), or in a Key Vault secret read with the
      account's managed identity (-KeyVaultName and -SecretName); link a schedule (its parameters
      are this script's).
    - A scheduled task or a CI job: set TENSORONE_API_KEY (and TENSORONE_BASE_URI for another
      endpoint) in its environment and run
      pwsh -NoProfile -NonInteractive -File Stop-IdleClusters.ps1 > sweep.log 2>&1
    - An interactive session: ./Stop-IdleClusters.ps1 -ApiKey (Read-Host -AsSecureString) -WhatIf

    The key comes from -ApiKey, else the credential asset -CredentialName names (its password, read
    with Get-AutomationPSCredential), else the Key Vault secret -KeyVaultName/-SecretName name (read
    after Connect-AzAccount -Identity; needs Az.Accounts and Az.KeyVault), else the Automation
    variable -VariableName names (only where Get-AutomationVariable exists), else the TENSORONE_API_KEY environment variable; with none the
    script stops with a terminating error (TensorOne.NoApiKey) before any request. The endpoint is
    -BaseUri, else TENSORONE_BASE_URI, else the module's default (https://api.tensorone.ai/v2). The
    script connects its session with Connect-T1Account, so it replaces a connection made earlier in
    the same session.

    Streams: one TensorOne.PowerShell.T1ClusterOperation per stopped cluster on the output stream
    (with -Wait, in its final state). One summary line, starting with a UTC timestamp (how many,
    which, the hourly rate saved or, under -WhatIf, that would be saved, how many failed), on the
    Warning stream, once: Azure Automation records that stream by default, and a scheduled task's
    `> log 2>&1` captures it, with no -Verbose or -InformationAction needed. With nothing idle the
    summary is the whole log: one line. A cluster that fails to stop is one compact warning line
    (its id, name and the error's first line); its full error record is in $Error (and in the
    caller's -ErrorVariable through the final error below); the others are still stopped. Setup
    failures (no module, no key, a rejected key, a bad endpoint, the cluster list unreadable)
    terminate.

    Failure: when any cluster failed to stop, the run fails after the summary. In a scheduled task or
    any pwsh -File run, the script ends with exit 1, so the task's last result is 1 and its failure
    alert fires (exit 0 otherwise). In Azure Automation, exit does not fail a job, so there (where
    $PSPrivateMetadata.JobId is set) the script ends with a terminating error instead
    (TensorOne.StopFailed), and the job's status is Failed.

    It never prompts: Stop-T1Cluster runs with -Confirm:$false unless -Confirm is given to the script.
    -WhatIf sends no stop request: it lists what would be stopped and what that would save.

    It uses only the language, .NET and the core cmdlets, so it runs in any host, hosted engines
    included.
.PARAMETER IdleMinutes
    A running cluster unused for longer than this is idle.
.PARAMETER MaxGpuUtilization
    ...unless its GPUs are busier than this, in percent.
.PARAMETER Reason
    The stop reason recorded by the API's audit log. The default names the thresholds and, in Azure
    Automation, the job.
.PARAMETER Wait
    Waits until every stopped cluster is stopped (Stop-T1Cluster -Wait); a cluster that does not stop
    in time is one non-terminating error.
.PARAMETER SaveState
    Snapshots each cluster before it stops (Stop-T1Cluster -SaveState); each result's SnapshotId
    restores it later (Restart-T1Cluster -RestoreFromSnapshot).
.PARAMETER BaseUri
    The API endpoint, for a regional or test endpoint; https only except for loopback hosts.
.PARAMETER ApiKey
    The API key, for interactive use. Unattended runs leave it out.
.PARAMETER CredentialName
    The name of an Azure Automation credential asset whose password is the API key (the user name is
    ignored). Read with Get-AutomationPSCredential; a missing asset ends the run before any request.
.PARAMETER VariableName
    The name of an encrypted Azure Automation variable holding the API key, read with
    Get-AutomationVariable when no other key is given (default TensorOneApiKey).
.PARAMETER KeyVaultName
    An Azure Key Vault holding the API key as the secret -SecretName. The script connects to Azure
    with the Automation account's managed identity (Connect-AzAccount -Identity) and reads the
    secret as a SecureString (Get-AzKeyVaultSecret); the identity needs the Key Vault Secrets User
    role (or a get-secret access policy).
.PARAMETER SecretName
    The Key Vault secret holding the API key; given with -KeyVaultName.
.EXAMPLE
    ./Stop-IdleClusters.ps1 -WhatIf -Verbose

    Shows which clusters would be stopped, and the hourly rate that would save, without stopping any.
.EXAMPLE
    ./Stop-IdleClusters.ps1 -CredentialName TensorOne -IdleMinutes 60

    In Azure Automation: connects with the credential asset TensorOne and stops the clusters idle for an hour.
.EXAMPLE
    ./Stop-IdleClusters.ps1 -IdleMinutes 120 -MaxGpuUtilization 5 -Reason 'Nightly idle sweep' -Wait

    Stops every cluster idle for more than two hours and waits until they are all stopped.
.EXAMPLE
    ./Stop-IdleClusters.ps1 -KeyVaultName contoso-ops -SecretName TensorOneApiKey

    In Azure Automation with a system-assigned managed identity: reads the key from Key Vault.
.OUTPUTS
    TensorOne.PowerShell.T1ClusterOperation
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('TensorOne.PowerShell.T1ClusterOperation')]
param(
    [ValidateRange(1, 525600)]
    [int] $IdleMinutes = 30,

    # Double bounds for a double: Windows PowerShell 5.1 refuses a value of another type than the bounds'.
    [ValidateRange(0.0, 100.0)]
    [double] $MaxGpuUtilization = 10,

    [ValidateNotNullOrEmpty()]
    [string] $Reason,

    [switch] $Wait,

    [switch] $SaveState,

    [uri] $BaseUri,

    [System.Security.SecureString] $ApiKey,

    [ValidateNotNullOrEmpty()]
    [string] $CredentialName,

    [ValidateNotNullOrEmpty()]
    [string] $VariableName = 'TensorOneApiKey',

    [ValidateNotNullOrEmpty()]
    [string] $KeyVaultName,

    [ValidateNotNullOrEmpty()]
    [string] $SecretName
)

# Setup failures must end the run; per-cluster failures are handled at the stop below.
$ErrorActionPreference = 'Stop'

# A log file, not a terminal: pwsh 7 would write its table headers with colour escapes into it
# whenever TERM is set. Only when this process's own output is redirected (a task's log), so an
# interactive session's rendering is left alone. Windows PowerShell 5.1 has no $PSStyle.
if ($PSStyle -and [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$invariant = [System.Globalization.CultureInfo]::InvariantCulture
$automationVariable = $VariableName
# Azure Automation sets $PSPrivateMetadata.JobId in every job.
$inAutomation = [bool]($PSPrivateMetadata -and $PSPrivateMetadata.JobId)

function Get-Stamp { [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm:ss', $invariant) + 'Z' }

function Get-NoKeyErrorRecord([string] $Detail) {
    $message = "No TensorOne API key. In Azure Automation, pass -CredentialName with a credential asset whose password is the key, -KeyVaultName and -SecretName for a Key Vault secret read with the managed identity, or -VariableName with an encrypted Automation variable (default '$automationVariable'); elsewhere set the TENSORONE_API_KEY environment variable, or pass -ApiKey.$Detail"
    [System.Management.Automation.ErrorRecord]::new(
        [System.InvalidOperationException]::new($message), 'TensorOne.NoApiKey',
        [System.Management.Automation.ErrorCategory]::AuthenticationError, $null)
}

if (-not (Get-Command -Name Stop-T1Cluster -ErrorAction SilentlyContinue)) {
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new('The TensorOne module is not available. Install it (Install-PSResource TensorOne), or in Azure Automation import it into the Automation account for this runtime version.'),
            'TensorOne.ModuleMissing', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $null))
}

# --- The key: -ApiKey, else the Automation variable, else the environment ---------------------------
$secureKey = $ApiKey
$keySource = '-ApiKey'
$automationProblem = ''
$credential = $null
if ($null -eq $secureKey -and $CredentialName) {
    if (-not (Get-Command -Name Get-AutomationPSCredential -ErrorAction SilentlyContinue)) {
        $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord " -CredentialName needs Get-AutomationPSCredential, which only Azure Automation provides."))
    }
    try {
        $credential = Get-AutomationPSCredential -Name $CredentialName -ErrorAction Stop
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord " Reading the credential asset '$CredentialName' failed: $($_.Exception.Message)"))
    }
    if ($null -eq $credential) {
        $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord " The credential asset '$CredentialName' was not found."))
    }
    $secureKey = $credential.Password
    $keySource = "the credential asset '$CredentialName'"
}
if ([bool]$KeyVaultName -ne [bool]$SecretName) {
    $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord ' -KeyVaultName and -SecretName go together.'))
}
if ($null -eq $secureKey -and $KeyVaultName) {
    try {
        # The Automation account's managed identity; Az.Accounts and Az.KeyVault are in its runtime.
        $null = Connect-AzAccount -Identity -ErrorAction Stop
        $secureKey = (Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $SecretName -ErrorAction Stop).SecretValue
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord " Reading the Key Vault secret '$SecretName' from '$KeyVaultName' failed: $($_.Exception.Message)"))
    }
    if ($null -eq $secureKey) {
        $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord " The Key Vault secret '$SecretName' in '$KeyVaultName' has no value."))
    }
    $keySource = "the Key Vault secret '$SecretName' in '$KeyVaultName'"
}
if ($null -eq $secureKey -and (Get-Command -Name Get-AutomationVariable -ErrorAction SilentlyContinue)) {
    try {
        $stored = Get-AutomationVariable -Name $automationVariable -ErrorAction Stop
        if ($stored -is [System.Security.SecureString]) {
            $secureKey = $stored
        }
        elseif ($null -ne $stored -and "$stored".Trim().Length -gt 0) {
            $plainKey = "$stored".Trim()
        }
        else {
            $automationProblem = " The Automation variable '$automationVariable' is empty."
        }
        $keySource = "the Automation variable '$automationVariable'"
    }
    catch {
        # Not fatal yet: the environment may still hold a key; say why if it does not.
        $automationProblem = " Reading the Automation variable '$automationVariable' failed: $($_.Exception.Message)"
    }
}

if ($null -eq $secureKey -and -not $plainKey -and -not [string]::IsNullOrWhiteSpace($env:TENSORONE_API_KEY)) {
    $plainKey = $env:TENSORONE_API_KEY.Trim()
    $keySource = 'the TENSORONE_API_KEY environment variable'
}

if ($null -eq $secureKey -and $plainKey) {
    # Char by char: ConvertTo-SecureString is missing from some hosts and sandboxes.
    $secureKey = [System.Security.SecureString]::new()
    foreach ($character in $plainKey.ToCharArray()) { $secureKey.AppendChar($character) }
    $secureKey.MakeReadOnly()
}
# Only the SecureString is kept; the plain copies go as soon as it is built.
$plainKey = $null
$stored = $null

if ($null -eq $secureKey) {
    $PSCmdlet.ThrowTerminatingError((Get-NoKeyErrorRecord $automationProblem))
}

# --- The endpoint and the connection ----------------------------------------------------------------
if ($null -eq $BaseUri -and -not [string]::IsNullOrWhiteSpace($env:TENSORONE_BASE_URI)) {
    $BaseUri = [uri]$env:TENSORONE_BASE_URI.Trim()
}

# A credential asset connects as one: its password is the key, its user name is ignored.
$connectParameters = if ($null -ne $credential) { @{ Credential = $credential } } else { @{ ApiKey = $secureKey } }
if ($null -ne $BaseUri) { $connectParameters.BaseUri = $BaseUri }
$account = Connect-T1Account @connectParameters
$PSCmdlet.WriteVerbose("Using $keySource; connected to $($account.BaseUri).")

# --- Selection --------------------------------------------------------------------------------------
$running = @(Get-T1Cluster -Status running)
$idle = @($running | Where-Object {
        $_.IdleTime -gt [TimeSpan]::FromMinutes($IdleMinutes) -and
        ($null -eq $_.GpuUtilization -or $_.GpuUtilization -le $MaxGpuUtilization)
    })
$PSCmdlet.WriteVerbose(("{0} running clusters; {1} idle for more than {2} minutes with GPUs at most {3}% busy." -f
        $running.Count, $idle.Count, $IdleMinutes, $MaxGpuUtilization.ToString($invariant)))

$byId = @{}
foreach ($cluster in $idle) {
    $byId[$cluster.Id] = $cluster
    $gpu = if ($null -eq $cluster.GpuUtilization) { 'not reported' } else { $cluster.GpuUtilization.ToString($invariant) + '%' }
    $PSCmdlet.WriteVerbose(("Idle: {0} ({1}), unused for {2:0} minutes, GPU {3}." -f $cluster.Id, $cluster.Name, $cluster.IdleTime.TotalMinutes, $gpu))
}

function Write-Summary([string] $Text) {
    # Warning, once: the one stream both a task's `> log 2>&1` and an Automation job record by
    # default, without adding a line to the typed output a caller pipes on.
    $PSCmdlet.WriteWarning("$(Get-Stamp) $Text")
}

function Format-Count([int] $Count, [string] $Noun) { if ($Count -eq 1) { "1 $Noun" } else { "$Count ${Noun}s" } }

function Format-ClusterList($Items) {
    (@($Items | ForEach-Object { if ($_.Name) { "$($_.Name) [$($_.Id)]" } else { $_.Id } }) -join ', ')
}

function Format-Rate([decimal] $Rate) { $Rate.ToString('0.00', $invariant) }

if ($idle.Count -eq 0) {
    Write-Summary ("No idle clusters: {0} running, none idle for more than {1} minutes with GPUs at most {2}% busy." -f
        $running.Count, $IdleMinutes, $MaxGpuUtilization.ToString($invariant))
    return
}

# --- Stop -------------------------------------------------------------------------------------------
if (-not $PSBoundParameters.ContainsKey('Reason')) {
    $Reason = "Stop-IdleClusters: idle for more than $IdleMinutes minutes, GPUs at most $($MaxGpuUtilization.ToString($invariant))% busy"
    # In Azure Automation the audit log then names the job.
    if ($inAutomation) { $Reason += " (Azure Automation job $($PSPrivateMetadata.JobId))" }
}

$whatIf = [bool]$WhatIfPreference
$stopParameters = @{
    Reason        = $Reason
    Wait          = $Wait
    SaveState     = $SaveState
    WhatIf        = $whatIf
    # Per cluster: one failure is one error record and the batch goes on, whatever the caller's
    # preference; it is kept (in $Error and below), and the log gets one compact line for it.
    ErrorAction   = 'SilentlyContinue'
    ErrorVariable = 'stopErrors'
}
# A runbook never prompts, even under a low $ConfirmPreference; an explicit -Confirm still asks.
if (-not $PSBoundParameters.ContainsKey('Confirm')) { $stopParameters.Confirm = $false }

$stopped = [System.Collections.Generic.List[object]]::new()
$idle | Stop-T1Cluster @stopParameters | ForEach-Object { $stopped.Add($_); $_ }

if ($whatIf) {
    $rate = [decimal]0
    foreach ($cluster in $idle) { if ($null -ne $cluster.HourlyRate) { $rate += $cluster.HourlyRate } }
    Write-Summary ('What if: would stop {0} ({1}), would save ${2}/hour.' -f (Format-Count $idle.Count 'idle cluster'), (Format-ClusterList $idle), (Format-Rate $rate))
    return
}

$saved = [decimal]0
foreach ($operation in $stopped) {
    $rate = $operation.HourlyRateSaved
    # An already stopped cluster saved nothing now (its Note says so): no fallback to its listed rate.
    if ($null -eq $rate -and -not $operation.Note -and $byId.ContainsKey($operation.Id)) { $rate = $byId[$operation.Id].HourlyRate }
    if ($null -ne $rate) { $saved += $rate }
}

foreach ($problem in @($stopErrors)) {
    $target = if ($problem.TargetObject -and $problem.TargetObject.Id) { $problem.TargetObject.Id } elseif ($problem.TargetObject) { "$($problem.TargetObject)" } else { 'a cluster' }
    # The message's first sentence or so: the cluster is named already, the advice is in the record.
    $brief = ("$($problem.Exception.Message)" -split "`r?`n")[0] -replace "^Cluster '[^']*': ", '' -replace '\s+Suggestion:.*$', ''
    $name = if ($byId.ContainsKey("$target") -and $byId["$target"].Name) { " ($($byId["$target"].Name))" } else { '' }
    $PSCmdlet.WriteWarning("$(Get-Stamp) Not stopped: $target$name`: $brief")
}

$failed = @($stopErrors).Count
$summary = 'Stopped {0} ({1}), saving ${2}/hour.' -f (Format-Count $stopped.Count 'idle cluster'), (Format-ClusterList $stopped), (Format-Rate $saved)
if ($failed -gt 0) { $summary += " $failed failed." }
Write-Summary $summary

if ($failed -gt 0) {
    $message = "$(Format-Count $failed 'cluster') of $($idle.Count) idle not stopped; each one's error record is in `$Error."
    if ($inAutomation) {
        # exit does not fail an Automation job; a terminating error does (job status Failed).
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new($message, @($stopErrors)[0].Exception), 'TensorOne.StopFailed',
                [System.Management.Automation.ErrorCategory]::OperationStopped, @($stopErrors)))
    }
    # A scheduled task's last result, a CI step, $LASTEXITCODE after & ./Stop-IdleClusters.ps1.
    exit 1
}
