<#
    The Azure Automation package: artifacts/TensorOne.zip, written by `./build.ps1 -Task Package`
    beside the gallery package. Automation takes a .zip whose name, root folder and manifest share
    the module's name, extracts it into its modules folder and imports the module by name. Run the
    Package task first (the Test task does).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $automationZip = Join-Path $RepoRoot 'artifacts/TensorOne.zip'
    if (-not (Test-Path $automationZip)) { throw 'No artifacts/TensorOne.zip. Run ./build.ps1 -Task Package first.' }
    Add-Type -AssemblyName System.IO.Compression.FileSystem
}

Describe 'The Azure Automation package' {
    It 'has one root folder named for the module, holding the manifest of the same name' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($automationZip)
        try { $entries = @($zip.Entries | ForEach-Object { $_.FullName }) }
        finally { $zip.Dispose() }

        @($entries | ForEach-Object { ($_ -split '[/\\]')[0] } | Select-Object -Unique) | Should -Be @('TensorOne')
        $entries | Should -Contain 'TensorOne/TensorOne.psd1'
        $entries | Should -Contain 'TensorOne/TensorOne.PowerShell.dll'
    }

    It 'holds the staged module, file for file' {
        $staged = Join-Path $RepoRoot 'out/TensorOne'
        $expected = @(Get-ChildItem $staged -Recurse -File | ForEach-Object { 'TensorOne/' + [System.IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') } | Sort-Object)
        $zip = [System.IO.Compression.ZipFile]::OpenRead($automationZip)
        try { $entries = @($zip.Entries | Where-Object { $_.Name } | ForEach-Object { $_.FullName } | Sort-Object) }
        finally { $zip.Dispose() }
        $entries | Should -Be $expected
    }

    It 'imports by name in a fresh pwsh once extracted the way Automation extracts it' {
        $modules = Join-Path $TestDrive 'Modules'
        Expand-Archive -Path $automationZip -DestinationPath $modules
        $saved = $env:PSModulePath
        try {
            # Only the extraction folder and pwsh's own modules: nothing from this repository's out/.
            $env:PSModulePath = $modules + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            $text = Invoke-ChildPwsh -NoProfile -NonInteractive -Command "Import-Module TensorOne -ErrorAction Stop; `$m = Get-Module TensorOne; `"`$(`$m.Name)|`$(`$m.ModuleBase)|`$((Get-Command -Module TensorOne).Count)`"" 2>&1 | Out-String
        }
        finally { $env:PSModulePath = $saved }

        $LASTEXITCODE | Should -Be 0 -Because $text
        $name, $base, $count = $text.Trim() -split '\|'
        $name | Should -Be 'TensorOne'
        $base | Should -Be (Join-Path $modules 'TensorOne')
        [int]$count | Should -BeGreaterOrEqual 7
    }
}
