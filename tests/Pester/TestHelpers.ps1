<#
    Shared by the Pester tests (dot-sourced in their BeforeAll; not a test file itself): where the
    staged module is, and a standalone API simulator per Describe block, so each block starts from
    the simulator's known demo fleet:

      cluster_9f2c4a1b  ml-train-01        running  GPU 92%  last used 4 minutes ago   $24.00/h
      cluster_3b7e8d20  ml-train-02        running  GPU  2%  last used 6 hours ago     $10.00/h
      cluster_51ad9e07  dev-notebook-01    running  GPU  0%  last used 26 hours ago    $0.74/h
      cluster_c08f6b3e  inference-prod-01  running  GPU 61%  last used 1 minute ago    $3.80/h
      cluster_7d41e2c9  ml-eval-01         stopped
      cluster_e6a09f54  data-prep-01       error

    PowerShell 7.2 or later (as build.ps1) and Pester 5. Needs the .NET SDK and a built repository
    (dotnet build TensorOne.PowerShell.sln -c Release, or ./build.ps1), which stages out/TensorOne/
    and builds the simulator.
#>

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$ModuleManifest = Join-Path $RepoRoot 'out/TensorOne/TensorOne.psd1'
$Runbook = Join-Path $RepoRoot 'examples/Stop-IdleClusters.ps1'
$DemoFleet = @{
    Busy      = 'cluster_9f2c4a1b'
    IdleA100  = 'cluster_3b7e8d20'
    IdleRtx   = 'cluster_51ad9e07'
    Serving   = 'cluster_c08f6b3e'
    Stopped   = 'cluster_7d41e2c9'
    InError   = 'cluster_e6a09f54'
}

function Import-TestModule {
    if (-not (Test-Path $ModuleManifest)) {
        throw "No staged module at $ModuleManifest. Build first: dotnet build TensorOne.PowerShell.sln -c Release"
    }

    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

function Invoke-ChildPwsh {
    <#
        Runs a child pwsh of the same version as this one, as a scheduled task would start one.
        (Get-Process -Id $PID).Path is not that: pwsh started as a dotnet tool runs as `dotnet pwsh.dll`,
        so the child is started from $PSHOME, with the dotnet host when this one is hosted that way.
    #>
    $hostPath = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') {
        & $hostPath (Join-Path $PSHOME 'pwsh.dll') @args
    }
    else {
        & $hostPath @args
    }
}

function ConvertTo-TestSecureString([string] $Text) {
    # Char by char, as the runbook does: ConvertTo-SecureString is not in every host.
    $secure = [System.Security.SecureString]::new()
    foreach ($character in $Text.ToCharArray()) { $secure.AppendChar($character) }
    $secure.MakeReadOnly()
    $secure
}

function Start-TestSimulator {
    <#
        Runs the simulator's built assembly with dotnet rather than `dotnet run`: `dotnet run` starts
        the simulator as a child process, which stopping the parent would leave running. It listens
        on a free port; its first line names the URI ("TensorOne simulator listening on <uri> ...").
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [string] $Seed = 'demo',
        [double] $PhaseSeconds = 0.2,
        [string] $Configuration = 'Release',
        # Writes allowed per hourly window; past it, stops are refused (429).
        [int] $WriteLimit = 0
    )

    if (-not $PSCmdlet.ShouldProcess("seed '$Seed'", 'Start the API simulator')) { return }

    $project = Join-Path $RepoRoot 'tools/TensorOne.Simulator'
    $assembly = Join-Path $project "bin/$Configuration/net10.0/TensorOne.Simulator.dll"
    if (-not (Test-Path $assembly)) {
        & dotnet build $project -c $Configuration --nologo | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "Building the simulator failed (dotnet build $project -c $Configuration)." }
    }

    # A key of this run's own: nothing secret is read back from the simulator.
    $apiKey = 'tpo_test_pester_' + [guid]::NewGuid().ToString('N')
    $phase = $PhaseSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture)
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($assembly, '--port', '0', '--seed', $Seed, '--api-key', $apiKey,
            '--stop-phase-seconds', $phase, '--restart-phase-seconds', $phase)) {
        $start.ArgumentList.Add($argument)
    }
    if ($WriteLimit -gt 0) { $start.ArgumentList.Add('--write-limit'); $start.ArgumentList.Add("$WriteLimit") }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    $baseUri = $null
    while (-not $baseUri) {
        $read = $process.StandardOutput.ReadLineAsync()
        $remaining = $deadline - [DateTime]::UtcNow
        if ($remaining -le [TimeSpan]::Zero -or -not $read.Wait($remaining)) {
            $process.Kill()
            throw 'The simulator did not report its address within 60 seconds.'
        }

        if ($null -eq $read.Result) {
            throw "The simulator exited early: $($process.StandardError.ReadToEnd())"
        }

        if ($read.Result -match 'listening on (\S+)') { $baseUri = $Matches[1] }
    }

    # The simulator writes nothing more, but drain its output so a full pipe can never block it.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()

    [pscustomobject]@{
        BaseUri = $baseUri
        ApiKey  = $apiKey
        Process = $process
    }
}

function Stop-TestSimulator {
    [CmdletBinding(SupportsShouldProcess)]
    param($Simulator)

    if ($Simulator -and -not $Simulator.Process.HasExited -and $PSCmdlet.ShouldProcess($Simulator.BaseUri, 'Stop the API simulator')) {
        $Simulator.Process.Kill()
        $null = $Simulator.Process.WaitForExit(5000)
    }
}

function Connect-TestSimulator($Simulator) {
    Connect-T1Account -ApiKey (ConvertTo-TestSecureString $Simulator.ApiKey) -BaseUri $Simulator.BaseUri
}

function Get-ThrownError([scriptblock] $ScriptBlock) {
    # The error record a terminating error (or -ErrorAction Stop) produced, or $null if none did.
    try {
        $null = & $ScriptBlock
        $null
    }
    catch {
        $_
    }
}

function Save-TensorOneEnvironment {
    # The environment-variable tests change process-wide variables; every block puts them back.
    @{
        TENSORONE_API_KEY  = $env:TENSORONE_API_KEY
        TENSORONE_BASE_URI = $env:TENSORONE_BASE_URI
        PSModulePath       = $env:PSModulePath
    }
}

function Restore-TensorOneEnvironment([hashtable] $Saved) {
    foreach ($name in $Saved.Keys) {
        [Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

# A test file's flows choose their key source themselves; one left in the environment would blur that.
function Enter-TestFile {
    Import-TestModule
    $saved = Save-TensorOneEnvironment
    Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
    $saved
}

function Exit-TestFile([hashtable] $Saved) {
    Disconnect-T1Account
    Restore-TensorOneEnvironment $Saved
}

# A Describe block's own simulator (its state is the block's alone), with the session connected to it.
function Enter-ConnectedSimulator {
    $simulator = Start-TestSimulator
    $null = Connect-TestSimulator $simulator
    $simulator
}

function Exit-ConnectedSimulator($Simulator) {
    Disconnect-T1Account
    Stop-TestSimulator $Simulator
}

# The simulator's key is a test key of this run's making; the assertion needs it as text to search for it.
function Assert-NoKey([string] $Text, [string] $Unwanted) {
    $Text | Should -Not -Match ([regex]::Escape($Unwanted))
    # The part after the prefix alone is a secret too.
    $Text | Should -Not -Match ([regex]::Escape($Unwanted.Substring(9)))
}
