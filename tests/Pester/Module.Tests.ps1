#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    What the gallery sees of the staged module: the manifest and the exported commands. No simulator
    needed. That every cmdlet's help is complete is checked once, at build time, by build/HelpSync.
#>

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
