<#
    The help users read: Get-Help -Online opens the cmdlet's page in the project's repository.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-TestModule
    $projectUri = (Import-PowerShellDataFile (Join-Path $RepoRoot 'module/TensorOne.psd1')).PrivateData.PSData.ProjectUri
}

Describe 'Get-Help -Online' {
    It "opens <_>'s page under docs/help in the project's repository" -ForEach @(
        'Connect-T1Account', 'Disconnect-T1Account', 'Get-T1Account', 'Get-T1Cluster', 'Restart-T1Cluster', 'Stop-T1Cluster', 'Wait-T1Cluster'
    ) {
        # -Online opens the command's HelpUri, else the first related link that has a URI.
        $command = Get-Command $_
        $uri = if ($command.HelpUri) { $command.HelpUri } else {
            @((Get-Help $_ -Full).relatedLinks.navigationLink | Where-Object { $_.uri }) | Select-Object -First 1 -ExpandProperty uri
        }

        $uri | Should -Be "$projectUri/blob/main/docs/help/$_.md"
        Test-Path (Join-Path $RepoRoot "docs/help/$_.md") | Should -BeTrue
    }
}

Describe 'about_TensorOne' {
    It "has the whole short description as its synopsis" {
        $markdown = Get-Content (Join-Path $RepoRoot 'docs/help/about_TensorOne.md')
        $short = $markdown[([array]::IndexOf($markdown, '## Short description') + 1)].Trim()

        (Get-Help about_TensorOne).Synopsis | Should -Be $short
    }
}
