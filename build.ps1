#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the TensorOne module.
.DESCRIPTION
    Build    dotnet build of the solution; leaves an importable module at out/TensorOne/.
    Test     dotnet test (client, simulator and engine-hosted module tests), then the Pester tests
             under tests/Pester when Pester 5 is installed.
    Package  the PowerShell Gallery package (a .nupkg) under artifacts/.
    Demo     starts the API simulator, imports the staged module and runs examples/demo.ps1.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'TensorOne.PowerShell.sln'
$manifest = Join-Path $root 'out/TensorOne/TensorOne.psd1'

function Invoke-DotNet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-DotNet build $solution -c $Configuration
}

function Invoke-Test {
    Invoke-DotNet test $solution -c $Configuration --filter 'Category!=Soak'
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -GE '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if ($pester) {
        Import-Module $pester
        $result = Invoke-Pester -Path (Join-Path $root 'tests/Pester') -Output Detailed -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester tests failed." }
    }
    else {
        Write-Warning 'Pester 5 is not installed; skipped tests/Pester (Install-Module Pester -MinimumVersion 5.0).'
    }
}

function Invoke-Package {
    Invoke-Build
    Invoke-DotNet pack (Join-Path $root 'build/TensorOne.Package.proj') -c $Configuration -o (Join-Path $root 'artifacts')
    Get-ChildItem (Join-Path $root 'artifacts') -Filter 'TensorOne.*.nupkg'
}

function Invoke-Demo {
    Invoke-Build
    # A key of our own making, so nothing secret is printed or needs parsing.
    $key = 'tpo_test_demo_' + [guid]::NewGuid().ToString('N')
    $log = New-TemporaryFile
    $simulator = Start-Process dotnet -PassThru -NoNewWindow -RedirectStandardOutput $log `
        -ArgumentList 'run', '--project', (Join-Path $root 'tests/TensorOne.Simulator'), '-c', $Configuration, '--',
        '--port', '0', '--seed', 'demo', '--api-key', $key
    try {
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        $uri = $null
        while (-not $uri) {
            if ($simulator.HasExited) { throw "The simulator exited early: $(Get-Content $log -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { throw 'The simulator did not start within two minutes.' }
            $line = Get-Content $log -ErrorAction SilentlyContinue | Where-Object { $_ -match 'listening on (\S+)' } | Select-Object -First 1
            if ($line -match 'listening on (\S+)') { $uri = $Matches[1] } else { Start-Sleep -Milliseconds 200 }
        }

        Write-Information "TensorOne demo: using the API simulator at $uri" -InformationAction Continue
        $env:TENSORONE_BASE_URI = $uri
        $env:TENSORONE_API_KEY = $key
        Import-Module $manifest -Force
        & (Join-Path $root 'examples/demo.ps1')
    }
    finally {
        Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
        if (-not $simulator.HasExited) { Stop-Process -Id $simulator.Id }
        Remove-Item $log -ErrorAction SilentlyContinue
    }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    & "Invoke-$name"
}
