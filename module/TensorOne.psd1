@{
    RootModule           = 'TensorOne.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d3c2a-8a3e-4f0b-9a57-2f4b1c7e9d10'
    Author               = 'TensorOne PowerShell contributors'
    CompanyName          = 'TensorOne'
    Copyright            = '(c) 2026 TensorOne PowerShell contributors. MIT License.'
    Description          = 'Stop, restart and inspect TensorOne GPU clusters from PowerShell: pipeline-friendly, -WhatIf/-Confirm aware, with phase-by-phase progress for -Wait, built-in retries, and unattended use in Azure Automation runbooks and scheduled tasks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('TensorOne.format.ps1xml')
    CmdletsToExport      = @('Stop-T1Cluster', 'Restart-T1Cluster', 'Get-T1Cluster', 'Wait-T1Cluster', 'Connect-T1Account', 'Disconnect-T1Account', 'Get-T1Account')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('TensorOne', 'GPU', 'Cluster', 'MachineLearning', 'Cloud', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/tensorone/tensorone-powershell'
            LicenseUri   = 'https://github.com/tensorone/tensorone-powershell/blob/main/LICENSE'
            # build.ps1 -Task Package replaces this with CHANGELOG.md's newest section.
            ReleaseNotes = 'All changes: https://github.com/tensorone/tensorone-powershell/blob/main/CHANGELOG.md'
        }
    }
}
