<#
    The gallery package as users get it: artifacts/TensorOne.<version>.nupkg, written by
    `./build.ps1 -Task Package` (PSResourceGet's Compress-PSResource), installed with PSResourceGet
    from a local folder repository and imported by name in a fresh pwsh. Run the Package task first
    (the Test task does).

    The install runs in child pwsh processes whose HOME is a test folder, so on Linux and macOS the
    repository registration and the CurrentUser install never touch the machine's own. Windows keeps
    both in known folders that no variable moves, so there the test removes what it added.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $manifestData = Import-PowerShellDataFile (Join-Path $RepoRoot 'module/TensorOne.psd1')
    $package = Get-ChildItem (Join-Path $RepoRoot 'artifacts') -Filter 'TensorOne.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $package) { throw 'No package under artifacts/. Run ./build.ps1 -Task Package first.' }

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
    try {
        $entries = @($zip.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) })
        $reader = [System.IO.StreamReader]::new($zip.GetEntry('TensorOne.nuspec').Open())
        $nuspec = [xml]$reader.ReadToEnd()
        $reader.Dispose()
    }
    finally {
        $zip.Dispose()
    }

    $metadata = $nuspec.package.metadata
    $tags = @($metadata.tags -split ' ' | Where-Object { $_ })
}

Describe 'The gallery package' {
    It 'is named for the module version' {
        $package.Name | Should -Be "TensorOne.$($manifestData.ModuleVersion).nupkg"
    }

    It 'holds the staged module, file for file, at its root' {
        $staged = Join-Path $RepoRoot 'out/TensorOne'
        $expected = Get-ChildItem $staged -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') }
        $nugetParts = '^(\[Content_Types\]\.xml|_rels/.*|package/.*|TensorOne\.nuspec)$'
        $moduleEntries = $entries | Where-Object { $_ -notmatch $nugetParts -and -not $_.EndsWith('/') }
        @($moduleEntries | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'carries the manifest''s gallery metadata and no NuGet dependencies' {
        $metadata.id | Should -Be 'TensorOne'
        $metadata.version | Should -Be $manifestData.ModuleVersion
        $metadata.authors | Should -Be $manifestData.Author
        $metadata.description | Should -Be $manifestData.Description
        $metadata.copyright | Should -Be $manifestData.Copyright
        $metadata.projectUrl | Should -Be $manifestData.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $manifestData.PrivateData.PSData.LicenseUri
        $metadata.dependencies.ChildNodes.Count | Should -Be 0
    }

    It 'has the tags the gallery searches by: module, editions, platforms, and every cmdlet' {
        $required = @('PSModule', 'PSIncludes_Cmdlet', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') +
        $manifestData.PrivateData.PSData.Tags +
        ($manifestData.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })
        foreach ($tag in $required) { $tags | Should -Contain $tag }
    }
}

Describe 'Installed with PSResourceGet from a local repository' {
    BeforeAll {
        $simulator = Start-TestSimulator
        $saved = @{}
        foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'TENSORONE_API_KEY', 'TENSORONE_BASE_URI') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }

        # A home of the test's own: PSResourceGet keeps its repositories and CurrentUser modules there.
        $env:HOME = (Join-Path $TestDrive 'home')
        $null = New-Item -ItemType Directory -Path $env:HOME
        foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath') { [Environment]::SetEnvironmentVariable($name, $null) }
        $repository = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $repository
        Copy-Item $package.FullName $repository
    }

    AfterAll {
        $null = Invoke-ChildPwsh -NoProfile -NonInteractive -Command ("Uninstall-PSResource -Name TensorOne -Scope CurrentUser -ErrorAction SilentlyContinue; " +
            "Unregister-PSResourceRepository -Name TensorOneLocal -ErrorAction SilentlyContinue") 2>&1
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Stop-TestSimulator $simulator
    }

    It 'installs, imports by name in a fresh pwsh, and lists clusters' {
        $install = "Register-PSResourceRepository -Name TensorOneLocal -Uri '$repository' -Trusted; " +
        "Install-PSResource -Name TensorOne -Repository TensorOneLocal -Scope CurrentUser -TrustRepository -ErrorAction Stop; " +
        "`$r = Get-InstalledPSResource -Name TensorOne; `$r.Version.ToString(); `$r.InstalledLocation"
        $installed = @(Invoke-ChildPwsh -NoProfile -NonInteractive -Command $install 2>&1)
        $LASTEXITCODE | Should -Be 0 -Because ($installed -join "`n")
        "$($installed[0])" | Should -Be $manifestData.ModuleVersion
        $location = "$($installed[1])"

        $env:TENSORONE_BASE_URI = $simulator.BaseUri
        $env:TENSORONE_API_KEY = $simulator.ApiKey
        $use = "Import-Module TensorOne -ErrorAction Stop; " +
        "(Get-Module TensorOne).ModuleBase; " +
        "Get-T1Cluster -Status running | Sort-Object Id | ForEach-Object Id"
        $output = @(Invoke-ChildPwsh -NoProfile -NonInteractive -Command $use 2>&1)
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        "$($output[0])" | Should -BeLike "$location*" -Because 'the module comes from the PSResourceGet install, not the build output'
        if (-not $IsWindows) { $location | Should -BeLike "$env:HOME*" -Because 'the install went to the test''s own home, not the machine''s' }
        @($output | Select-Object -Skip 1 | ForEach-Object { "$_" }) | Should -Be @($DemoFleet.Busy, $DemoFleet.IdleA100, $DemoFleet.IdleRtx, $DemoFleet.Serving | Sort-Object)
    }
}

Describe 'The release notes' {
    It "are CHANGELOG.md's newest section, taken at build time" {
        $newest = (Get-Content (Join-Path $RepoRoot 'CHANGELOG.md') | Where-Object { $_.StartsWith('## ') } | Select-Object -First 1)
        $metadata.releaseNotes | Should -Match ('^' + [regex]::Escape($newest))
        $metadata.releaseNotes | Should -Not -Match 'First release: Stop-T1Cluster'
    }
}
