#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    What the gallery and Get-Help see of the staged module: the manifest, the exported commands, and
    help for every cmdlet and parameter. No simulator needed.
#>

BeforeDiscovery {
    # Discovery-time data for the per-cmdlet tests; the same list the manifest must export.
    $cmdletNames = @('Connect-T1Account', 'Disconnect-T1Account', 'Get-T1Cluster', 'Restart-T1Cluster', 'Stop-T1Cluster')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-TestModule
    $expectedCmdlets = @('Connect-T1Account', 'Disconnect-T1Account', 'Get-T1Account', 'Get-T1Cluster', 'Restart-T1Cluster', 'Stop-T1Cluster', 'Wait-T1Cluster')
}

Describe 'Module manifest' {
    BeforeAll {
        $manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
    }

    It 'passes Test-ModuleManifest and targets Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.Name | Should -Be 'TensorOne'
        @($manifest.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'exports exactly the seven cmdlets, and no functions, aliases or variables' {
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be $expectedCmdlets
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.ExportedVariables.Count | Should -Be 0
        @((Get-Command -Module TensorOne).Name | Sort-Object) | Should -Be $expectedCmdlets
        (Get-Command -Module TensorOne).CommandType | Sort-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'loads its format views' {
        @((Get-Module TensorOne).ExportedFormatFiles | Split-Path -Leaf) | Should -Contain 'TensorOne.format.ps1xml'
        Get-FormatData -TypeName 'TensorOne.PowerShell.T1Cluster' | Should -Not -BeNullOrEmpty
    }

    It 'carries the gallery metadata' {
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $manifest.Tags | Should -Contain $tag
        }
        $manifest.ProjectUri.Scheme | Should -Be 'https'
        $manifest.LicenseUri.Scheme | Should -Be 'https'
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description and examples' -ForEach $cmdletNames {
        $name = $_
        $help = Get-Help $name -Full

        $help.Synopsis | Should -Not -BeNullOrEmpty
        # With no help file, Get-Help makes the synopsis from the syntax ("Stop-T1Cluster [-Id] <string[]> ...").
        $help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($name) + '\s')
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.examples.example) {
            $example.code | Should -Match ([regex]::Escape($name))
        }
    }

    It '<_> describes every parameter' -ForEach $cmdletNames {
        $name = $_
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
        $documented = @{}
        foreach ($parameter in (Get-Help $name -Full).parameters.parameter) {
            $documented[$parameter.name] = ($parameter.description.Text -join '').Trim()
        }

        foreach ($parameter in (Get-Command $name).Parameters.Keys) {
            if ($parameter -in $common) { continue }
            $documented[$parameter] | Should -Not -BeNullOrEmpty -Because "-$parameter of $name needs a description"
        }
    }

    It 'ships the about_TensorOne topic' {
        $topic = Join-Path (Split-Path $ModuleManifest) 'en-US/about_TensorOne.help.txt'

        $topic | Should -Exist
        Get-Content $topic -Raw | Should -Match 'Stop-T1Cluster'
    }
}
