<#
    Every table view in module/TensorOne.format.ps1xml, rendered by the real pwsh at the width of a
    scheduled task's log (80 columns) and of a wide console (120): no column may be dropped, no header
    broken, no value cut. The views are read from the format file, so a new view is covered as soon
    as some command of the module returns its type (the samples below run every Get- command, and
    the stop and restart results, against the simulator).
#>

BeforeDiscovery {
    $formatFile = Join-Path $PSScriptRoot '../../module/TensorOne.format.ps1xml'
    $tableViews = foreach ($view in ([xml](Get-Content $formatFile -Raw)).Configuration.ViewDefinitions.View) {
        if (-not $view.TableControl) { continue }
        $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
        $items = @($view.TableControl.TableRowEntries.TableRowEntry)[0].TableColumnItems.TableColumnItem
        $columns = for ($i = 0; $i -lt $items.Count; $i++) {
            $item = $items[$i]
            $label = if ($headers[$i].Label) { $headers[$i].Label } elseif ($item.PropertyName) { $item.PropertyName } else { "column $i" }
            @{ Label = $label; PropertyName = $item.PropertyName; ScriptBlock = $item.ScriptBlock }
        }
        @{ Name = $view.Name; TypeName = $view.ViewSelectedBy.TypeName; Columns = $columns }
    }
    $renderings = foreach ($view in $tableViews) {
        foreach ($width in 80, 120) { @{ View = $view; Width = $width; Name = $view.Name } }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-TestModule
    $simulator = Start-TestSimulator
    $samples = [System.Collections.Generic.List[object]]::new()
    $samples.Add((Connect-TestSimulator $simulator))
    $samples.Add((Connect-T1Account -ApiKey (ConvertTo-TestSecureString $simulator.ApiKey) -BaseUri $simulator.BaseUri -SkipValidation -PassThru))
    # Every Get- command of the module with no arguments: new commands' types come along by themselves.
    foreach ($command in Get-Command -Module TensorOne -Verb Get) {
        try { & $command -ErrorAction Stop | ForEach-Object { $samples.Add($_) } } catch { Write-Warning "$($command.Name): $_" }
    }

    $stopped = @(Stop-T1Cluster $DemoFleet.IdleA100, $DemoFleet.IdleRtx -SaveState -Wait)
    $stopped | ForEach-Object { $samples.Add($_) }
    Stop-T1Cluster $DemoFleet.Serving -SaveState | ForEach-Object { $samples.Add($_) }
    $stopped | Restart-T1Cluster -Wait | ForEach-Object { $samples.Add($_) }

    # An operation caught in each documented phase: the longest human phase names must fit too.
    $phases = 'notifying_processes', 'waiting_for_graceful_exit', 'creating_snapshot', 'terminating_resources', 'cleaning_up',
    'completed', 'stopping_processes', 'creating_checkpoint', 'updating_configuration', 'starting_services', 'health_checks', 'ready'
    foreach ($phase in $phases) {
        $operation = [TensorOne.PowerShell.T1ClusterOperation]::new()
        foreach ($property in $stopped[0].PSObject.Properties) {
            if ($property.IsSettable) { $operation.($property.Name) = $property.Value }
        }
        $operation.Name = 'inference-prod-01'
        $operation.Status = 'restarting'
        $operation.Phase = $phase
        $samples.Add($operation)
    }

    function Get-ColumnText($Object, [hashtable] $Column) {
        $value = if ($Column.PropertyName) { $Object.($Column.PropertyName) } else { $Object | ForEach-Object ([scriptblock]::Create($Column.ScriptBlock)) }
        if ($null -eq $value) { '' } else { "$value".Trim() }
    }
}

AfterAll {
    Stop-TestSimulator $simulator
}

Describe 'The table view <Name> at <Width> columns' -ForEach $renderings {
    BeforeAll {
        $objects = @($samples | Where-Object { $_.PSObject.TypeNames[0] -eq $View.TypeName })
        $text = $objects | Format-Table -View $View.Name | Out-String -Width $Width
        $lines = @($text -split '\r?\n' | Where-Object { $_.Trim() })
    }

    It 'has objects of its type to render' {
        $objects.Count | Should -BeGreaterThan 0 -Because "some command of the module should return $($View.TypeName)"
    }

    It 'keeps every column, each header whole on the first line' {
        $pattern = '^\s*' + (($View.Columns | ForEach-Object { [regex]::Escape($_.Label) }) -join '\s+') + '\s*$'
        $lines[0] | Should -Match $pattern
        # One run of dashes under each header: a squeezed or dropped column breaks the count.
        @([regex]::Matches($lines[1], '-+')).Count | Should -Be $View.Columns.Count
    }

    It 'fits the width and cuts no value' {
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width -Because $_ }
        $text | Should -Not -Match '…|\.\.\.'
        $body = ($lines | Select-Object -Skip 2) -join "`n"
        foreach ($object in $objects) {
            foreach ($column in $View.Columns) {
                # Rows wrap, so each word of a value must be somewhere in the table, whole.
                foreach ($word in (Get-ColumnText $object $column) -split '\s+' | Where-Object { $_ }) {
                    $body | Should -Match ('(?<![\w-])' + [regex]::Escape($word) + '(?![\w-])') -Because "$($column.Label) of $object"
                }
            }
        }
    }
}

Describe 'The operation view names phases as the progress pane does' {
    It 'shows "Notifying processes", not the API identifier' {
        $operation = $samples | Where-Object { $_ -is [TensorOne.PowerShell.T1ClusterOperation] -and $_.Phase -eq 'notifying_processes' } | Select-Object -First 1
        $text = $operation | Out-String -Width 80
        $text | Should -Match 'Notifying processes'
        $text | Should -Not -Match 'notifying_processes'
        $operation.Phase | Should -Be 'notifying_processes' -Because 'scripts compare the API identifier'
    }
}
