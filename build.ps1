#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the TensorOne module.
.DESCRIPTION
    Run it in the pinned pwsh: `dotnet tool restore`, then `dotnet pwsh -File ./build.ps1 -Task <task>`.

    Build    dotnet build of the solution; leaves an importable module at out/TensorOne/.
    Package  the PowerShell Gallery package, made by PSResourceGet's Compress-PSResource from the
             staged module, at artifacts/TensorOne.<version>.nupkg, and the Azure Automation
             package beside it, artifacts/TensorOne.zip (root folder TensorOne/).
    Test     everything CI runs (.ci/run): Build, Package, the dotnet test suites (client, simulator,
             engine-hosted module, and the .NET Framework leg under Mono), then the Pester suite in a
             fresh pwsh (user flows, the 80-column views, and the package installed by PSResourceGet
             from a local repository and imported by name). Ends with the time of each suite and a
             "N passed, N failed" line.
    Demo     starts the API simulator, imports the staged module and runs examples/demo.ps1 in this
             console. With -BaseUri (and TENSORONE_API_KEY set) it runs against that API instead.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -File ./build.ps1 -Task Demo
.EXAMPLE
    dotnet pwsh -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo only: a real TensorOne endpoint instead of the simulator (the key from TENSORONE_API_KEY).
    [uri] $BaseUri
)

$ErrorActionPreference = 'Stop'
# A CI log is a file: no colour escapes in it.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$root = $PSScriptRoot
$solution = Join-Path $root 'TensorOne.PowerShell.sln'
$stagedModule = Join-Path $root 'out/TensorOne'
$manifest = Join-Path $stagedModule 'TensorOne.psd1'
$artifacts = Join-Path $root 'artifacts'
$script:built = $false
$script:suites = [System.Collections.Generic.List[object]]::new()

function Invoke-DotNet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Pwsh {
    # A fresh pwsh of this version. Started as a dotnet tool, pwsh is `dotnet pwsh.dll`, so the
    # process path is dotnet's: go through $PSHOME.
    $hostPath = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') {
        & $hostPath (Join-Path $PSHOME 'pwsh.dll') @args
    }
    else {
        & $hostPath @args
    }
}

function Measure-Suite([string] $Name, [scriptblock] $Body) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $counts = & $Body
    $script:suites.Add([pscustomobject]@{
            Suite   = $Name
            Passed  = $counts.Passed
            Failed  = $counts.Failed
            Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 1)
        })
}

function Invoke-Build {
    if ($script:built) { return }
    Invoke-DotNet build $solution -c $Configuration --nologo
    $script:built = $true
}

function Get-NewestChangelogSection {
    # The newest '## ' section of CHANGELOG.md, heading included: the package's ReleaseNotes, so
    # they never go stale as a hand-kept list in the manifest did.
    $lines = Get-Content (Join-Path $root 'CHANGELOG.md')
    $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l.StartsWith('## ') })
    if ($start -lt 0) { throw 'CHANGELOG.md has no ## section for the release notes.' }
    $end = [array]::FindIndex([string[]]$lines, $start + 1, [Predicate[string]] { param($l) $l.StartsWith('## ') })
    if ($end -lt 0) { $end = $lines.Count }
    ($lines[$start..($end - 1)] -join "`n").Trim()
}

function Invoke-Package {
    Invoke-Build
    $data = Import-PowerShellDataFile $manifest
    # The cmdlet assembly's version comes from Directory.Build.props: a release bumps both together.
    $assemblyVersion = ([xml](Get-Content (Join-Path $root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    if ($data.ModuleVersion -ne ($assemblyVersion -replace '-.*$')) {
        throw "TensorOne.psd1 says ModuleVersion $($data.ModuleVersion) but Directory.Build.props says Version $assemblyVersion; release both together."
    }

    # PSResourceGet writes the manifest's own tags into the nuspec, but not the command tags the
    # gallery's search reads (Find-Module -Command, PSIncludes_Cmdlet), which PowerShellGet 2 added
    # on publish. A copy of the staged module gets them, so the source manifest stays as written.
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('tensorone-package-' + [guid]::NewGuid().ToString('N'))
    $copy = Join-Path $work 'TensorOne'
    try {
        $null = New-Item -ItemType Directory -Path $work
        Copy-Item -Path $stagedModule -Destination $copy -Recurse
        $commandTags = @($data.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) + 'PSIncludes_Cmdlet'
        $tags = @($data.PrivateData.PSData.Tags) + $commandTags | Select-Object -Unique
        Update-PSModuleManifest -Path (Join-Path $copy 'TensorOne.psd1') -Tags $tags -ReleaseNotes (Get-NewestChangelogSection)

        $null = New-Item -ItemType Directory -Path $artifacts -Force
        Get-ChildItem $artifacts -Filter 'TensorOne.*.nupkg' | Remove-Item
        Compress-PSResource -Path $copy -DestinationPath $artifacts

        # Azure Automation's Modules page and Runtime environments take a .zip whose name, root
        # folder and manifest share the module's name: artifacts/TensorOne.zip holding
        # TensorOne/TensorOne.psd1. With its base folder, and '/' separators on every OS.
        $automationZip = Join-Path $artifacts 'TensorOne.zip'
        Remove-Item $automationZip -ErrorAction SilentlyContinue
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        [System.IO.Compression.ZipFile]::CreateFromDirectory($copy, $automationZip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    }
    finally {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }


    Get-ChildItem $artifacts -Filter 'TensorOne.*nupkg' | ForEach-Object { Write-Information "Package: $($_.FullName)" -InformationAction Continue }
    Write-Information "Azure Automation package: $(Join-Path $artifacts 'TensorOne.zip')" -InformationAction Continue
}

function Invoke-DotNetSuite {
    # Suite by suite (each is its own assembly), so the summary can say what each costs.
    $projects = 'TensorOne.Client.Tests', 'TensorOne.Simulator.Tests', 'TensorOne.PowerShell.Tests', 'TensorOne.Framework.Tests'
    foreach ($project in $projects) {
        Measure-Suite $project {
            $lines = & dotnet test (Join-Path $root "tests/$project") -c $Configuration --no-build --nologo --filter 'Category!=Measure' 2>&1 |
                ForEach-Object { "$_" | Out-Host; "$_" }
            $code = $LASTEXITCODE
            $summary = $lines | Where-Object { $_ -match 'Failed:\s+(\d+), Passed:\s+(\d+)' } | Select-Object -Last 1
            if ($summary -notmatch 'Failed:\s+(\d+), Passed:\s+(\d+)') { throw "dotnet test of $project ran no tests (exit code $code)." }
            [pscustomobject]@{ Passed = [int]$Matches[2]; Failed = [int]$Matches[1] + [int]($code -ne 0 -and [int]$Matches[1] -eq 0) }
        }
    }
}

function Invoke-PesterSuite {
    # Pester 5.9.1 from NuGet (build/PowerShellTools.proj), imported by path: no gallery.
    Invoke-DotNet restore (Join-Path $root 'build/PowerShellTools.proj') --nologo -v quiet
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.9.1/tools/Pester.psd1'
    $resultFile = Join-Path ([System.IO.Path]::GetTempPath()) ('tensorone-pester-' + [guid]::NewGuid().ToString('N') + '.xml')
    Measure-Suite 'Pester (pwsh 7.6.9)' {
        # A fresh pwsh, so the tests meet a session like a user's, not this script's preferences.
        $command = "Import-Module '$pester' -ErrorAction Stop; " +
        "`$c = New-PesterConfiguration; `$c.Run.Path = '$(Join-Path $root 'tests/Pester')'; `$c.Output.Verbosity = 'Detailed'; " +
        "`$c.Output.RenderMode = '$(if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Auto' })'; `$c.TestResult.Enabled = `$true; `$c.TestResult.OutputPath = '$resultFile'; `$c.Run.Exit = `$true; Invoke-Pester -Configuration `$c"
        Invoke-Pwsh -NoProfile -NonInteractive -Command $command | Out-Host
        $code = $LASTEXITCODE
        if (-not (Test-Path $resultFile)) { throw "Pester wrote no results (exit code $code)." }
        $results = ([xml](Get-Content $resultFile -Raw)).'test-results'
        Remove-Item $resultFile
        [pscustomobject]@{ Passed = [int]$results.total - [int]$results.failures - [int]$results.errors - [int]$results.'not-run'; Failed = [int]$results.failures + [int]$results.errors }
    }
}

function Invoke-Test {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    Measure-Suite 'Build and Package' { Invoke-Package; [pscustomobject]@{ Passed = 0; Failed = 0 } }
    Invoke-DotNetSuite
    Invoke-PesterSuite

    $script:suites | Format-Table -AutoSize | Out-Host
    $passed = ($script:suites | Measure-Object Passed -Sum).Sum
    $failed = ($script:suites | Measure-Object Failed -Sum).Sum
    Write-Information ("Total {0:0} s" -f $watch.Elapsed.TotalSeconds) -InformationAction Continue
    Write-Information "$passed passed, $failed failed" -InformationAction Continue
    if ($failed -gt 0) { throw "$failed tests failed." }
}

function Invoke-Demo {
    Invoke-Build
    . (Join-Path $root 'tests/Pester/TestHelpers.ps1')
    $simulator = $null
    try {
        if ($BaseUri) {
            if (-not $env:TENSORONE_API_KEY) { throw 'Set TENSORONE_API_KEY to run the demo against a real endpoint.' }
            $env:TENSORONE_BASE_URI = $BaseUri
        }
        else {
            # A key of this run's own making, so nothing secret is printed; one second per phase,
            # so the progress pane can be watched.
            $simulator = Start-TestSimulator -PhaseSeconds 1 -Configuration $Configuration
            Write-Information "TensorOne demo: using the API simulator at $($simulator.BaseUri)" -InformationAction Continue
            $env:TENSORONE_BASE_URI = $simulator.BaseUri
            $env:TENSORONE_API_KEY = $simulator.ApiKey
        }

        Import-Module $manifest -Force
        & (Join-Path $root 'examples/demo.ps1')
    }
    finally {
        if ($simulator) {
            Remove-Item Env:TENSORONE_API_KEY, Env:TENSORONE_BASE_URI -ErrorAction SilentlyContinue
            Stop-TestSimulator $simulator
        }
    }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    & "Invoke-$name"
}
