<#
    The PSScriptAnalyzer default rules that matter for this repository's scripts, written over the
    PowerShell parser's AST (PSScriptAnalyzer itself is not in the package registry these machines
    use). Dot-sourced by ScriptAnalysis.Tests.ps1; not a test file itself.

    Get-ScriptRuleFinding returns one object per finding: Rule (the PSScriptAnalyzer rule name it
    stands for), Line and Message. The rules:

      PSUseApprovedVerbs                         function Verb-Noun names use a verb from Get-Verb
      PSUseSingularNouns                         ... and a singular noun
      PSUseShouldProcessForStateChangingFunctions  New/Set/Remove/Start/Stop/Restart/Reset/Update
                                                 functions declare SupportsShouldProcess
      PSShouldProcess                            SupportsShouldProcess and ShouldProcess go together
      PSAvoidGlobalVars                          no $global: variables
      PSAvoidUsingWriteHost                      no Write-Host in functions (other than Show-*)
      PSAvoidUsingCmdletAliases                  no aliases (gci, %, ?, select, ...) for commands
      PSAvoidUsingInvokeExpression               no Invoke-Expression
      PSAvoidUsingEmptyCatchBlock                a catch block does something or says why not
      PSAvoidUsingPlainTextForPassword           secret-named parameters are not [string]
      PSAvoidUsingConvertToSecureStringWithPlainText  no ConvertTo-SecureString -AsPlainText
      PSPossibleIncorrectComparisonWithNull      $null on the left of -eq / -ne
      PSAvoidDefaultValueSwitchParameter         a [switch] does not default to $true
      PSAvoidTrailingWhitespace                  no whitespace at the end of a line
#>

$script:StateChangingVerbs = @('New', 'Set', 'Remove', 'Start', 'Stop', 'Restart', 'Reset', 'Update')
$script:SecretParameterPattern = '^(Password|Pass|Passphrase|Secret|Token|ApiKey|Key)s?$'

function Test-SingularNoun([string] $Noun) {
    # The noun's last word decides (Format-ClusterList is singular, Format-Clusters is not).
    $last = ([regex]::Matches($Noun, '[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])') | Select-Object -Last 1).Value
    if (-not $last) { return $true }
    # Words ending in s that are singular: status, class, analysis, physics, news.
    return -not ($last -match 's$' -and $last -notmatch '(ss|us|is|ics|news|data)$')
}

function Get-ScriptRuleFinding {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Path')]
        [string] $Path,

        [Parameter(Mandatory, ParameterSetName = 'Text')]
        [string] $Text
    )

    $tokens = $null
    $parseErrors = $null
    if ($PSCmdlet.ParameterSetName -eq 'Path') {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $parseErrors)
        $source = [System.IO.File]::ReadAllText($Path)
    }
    else {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $parseErrors)
        $source = $Text
    }

    $findings = [System.Collections.Generic.List[object]]::new()
    function Add-Finding([string] $Rule, $Extent, [string] $Message) {
        $findings.Add([pscustomobject]@{ Rule = $Rule; Line = $Extent.StartLineNumber; Message = $Message })
    }

    foreach ($parseError in $parseErrors) {
        Add-Finding 'ParseError' $parseError.Extent $parseError.Message
    }

    $approvedVerbs = @(Get-Verb | ForEach-Object Verb)
    $aliases = @{}
    foreach ($alias in Get-Alias) { $aliases[$alias.Name] = $alias.Definition }

    # --- Functions: names, ShouldProcess, Write-Host --------------------------------------------
    $functions = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)
    foreach ($function in $functions) {
        $name = $function.Name -replace '^(global|script|local|private):', ''
        $verb, $noun = $name -split '-', 2
        if ($noun) {
            if ($approvedVerbs -notcontains $verb) {
                Add-Finding 'PSUseApprovedVerbs' $function.Extent "The function '$name' uses the unapproved verb '$verb' (Get-Verb lists the approved ones)."
            }

            if (-not (Test-SingularNoun $noun)) {
                Add-Finding 'PSUseSingularNouns' $function.Extent "The function '$name' has a plural noun '$noun'."
            }
        }

        $body = $function.Body
        $cmdletBinding = $null
        if ($body.ParamBlock) {
            $cmdletBinding = $body.ParamBlock.Attributes | Where-Object { $_.TypeName.Name -in 'CmdletBinding', 'System.Management.Automation.CmdletBindingAttribute' } | Select-Object -First 1
        }

        $supportsShouldProcess = $false
        if ($cmdletBinding) {
            foreach ($argument in $cmdletBinding.NamedArguments) {
                if ($argument.ArgumentName -eq 'SupportsShouldProcess') {
                    $supportsShouldProcess = $argument.ExpressionOmitted -or $argument.Argument.Extent.Text -ne '$false'
                }
            }
        }

        if ($noun -and $StateChangingVerbs -contains $verb -and -not $supportsShouldProcess) {
            Add-Finding 'PSUseShouldProcessForStateChangingFunctions' $function.Extent "The function '$name' changes state ('$verb') but does not declare [CmdletBinding(SupportsShouldProcess)]."
        }

        # Calls in nested functions belong to those functions.
        $callsShouldProcess = [bool]$body.Find({
                param($node)
                $node -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and
                $node.Member.Extent.Text -eq 'ShouldProcess' -and
                $node.Expression.Extent.Text -eq '$PSCmdlet'
            }, $false)
        if ($supportsShouldProcess -and -not $callsShouldProcess) {
            Add-Finding 'PSShouldProcess' $function.Extent "The function '$name' declares SupportsShouldProcess but never calls `$PSCmdlet.ShouldProcess."
        }
        elseif ($callsShouldProcess -and -not $supportsShouldProcess) {
            Add-Finding 'PSShouldProcess' $function.Extent "The function '$name' calls `$PSCmdlet.ShouldProcess without declaring SupportsShouldProcess."
        }

        if ($verb -ne 'Show') {
            $hostWrites = $body.FindAll({
                    param($node)
                    $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'Write-Host'
                }, $false)
            foreach ($write in $hostWrites) {
                Add-Finding 'PSAvoidUsingWriteHost' $write.Extent "The function '$name' uses Write-Host, which a runbook, a redirected log or a caller cannot capture; use Write-Information, Write-Verbose or Write-Output."
            }
        }
    }

    # --- Parameters, of the script and of every function -----------------------------------------
    $parameters = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.ParameterAst] }, $true)
    foreach ($parameter in $parameters) {
        $parameterName = $parameter.Name.VariablePath.UserPath
        if ($parameter.StaticType -eq [string] -and $parameterName -match $SecretParameterPattern) {
            Add-Finding 'PSAvoidUsingPlainTextForPassword' $parameter.Extent "The parameter '`$$parameterName' holds a secret as a [string]; take a [SecureString] or [PSCredential]."
        }

        if ($parameter.StaticType -eq [switch] -and $parameter.DefaultValue -and $parameter.DefaultValue.Extent.Text -eq '$true') {
            Add-Finding 'PSAvoidDefaultValueSwitchParameter' $parameter.Extent "The switch '`$$parameterName' defaults to `$true."
        }
    }

    # --- Variables ------------------------------------------------------------------------------
    $globals = $ast.FindAll({
            param($node)
            $node -is [System.Management.Automation.Language.VariableExpressionAst] -and $node.VariablePath.IsGlobal
        }, $true)
    foreach ($variable in $globals) {
        Add-Finding 'PSAvoidGlobalVars' $variable.Extent "'$($variable.Extent.Text)' is a global variable; pass the value, or close over it (GetNewClosure)."
    }

    # --- Commands -------------------------------------------------------------------------------
    $commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($command in $commands) {
        $commandName = $command.GetCommandName()
        if (-not $commandName) { continue }
        if ($aliases.ContainsKey($commandName)) {
            Add-Finding 'PSAvoidUsingCmdletAliases' $command.CommandElements[0].Extent "'$commandName' is an alias of '$($aliases[$commandName])'; spell the command out."
        }

        if ($commandName -eq 'Invoke-Expression') {
            Add-Finding 'PSAvoidUsingInvokeExpression' $command.Extent 'Invoke-Expression runs text as code; call the command directly.'
        }

        if ($commandName -eq 'ConvertTo-SecureString' -and ($command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and 'AsPlainText' -like "$($_.ParameterName)*" })) {
            Add-Finding 'PSAvoidUsingConvertToSecureStringWithPlainText' $command.Extent 'ConvertTo-SecureString -AsPlainText puts the secret in plain text first; build the SecureString from its source.'
        }
    }

    # --- Catch blocks and comparisons -----------------------------------------------------------
    $catches = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CatchClauseAst] }, $true)
    foreach ($catch in $catches) {
        $bodyText = $catch.Body.Extent.Text.Trim('{', '}', ' ', "`t", "`r", "`n")
        if ($catch.Body.Statements.Count -eq 0 -and $bodyText -notmatch '#') {
            Add-Finding 'PSAvoidUsingEmptyCatchBlock' $catch.Extent 'An empty catch block hides the error; handle it, or say in a comment why it is ignored.'
        }
    }

    $comparisons = $ast.FindAll({
            param($node)
            $node -is [System.Management.Automation.Language.BinaryExpressionAst] -and
            $node.Operator -in 'Ieq', 'Ine', 'Ceq', 'Cne' -and
            $node.Right.Extent.Text -eq '$null'
        }, $true)
    foreach ($comparison in $comparisons) {
        Add-Finding 'PSPossibleIncorrectComparisonWithNull' $comparison.Extent "'$($comparison.Extent.Text)': put `$null on the left, or a collection on the left filters instead of comparing."
    }

    # --- Whitespace -----------------------------------------------------------------------------
    $lines = $source -split "`r?`n"
    for ($index = 0; $index -lt $lines.Count; $index++) {
        if ($lines[$index] -match '[ \t]+$') {
            $findings.Add([pscustomobject]@{ Rule = 'PSAvoidTrailingWhitespace'; Line = $index + 1; Message = 'Trailing whitespace.' })
        }
    }

    $findings
}
