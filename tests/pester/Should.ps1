# Should for the Pester shim: the assertion operators PowerShell's own tests use most.

function Format-PesterValue {
    param($Value)
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [bool]) { return "`$$Value" }
    if ($Value -is [array]) { return '@(' + (($Value | ForEach-Object { Format-PesterValue $_ }) -join ', ') + ')' }
    "$Value"
}

function Test-PesterEqual {
    param($Expected, $Actual, [switch]$CaseSensitive)
    $expectedList = $Expected -is [System.Collections.IList] -and $Expected -isnot [string]
    $actualList = $Actual -is [System.Collections.IList] -and $Actual -isnot [string]
    if ($expectedList -or $actualList) {
        $e = @($Expected); $a = @($Actual)
        if ($e.Count -ne $a.Count) { return $false }
        for ($i = 0; $i -lt $e.Count; $i++) {
            if (-not (Test-PesterEqual -Expected $e[$i] -Actual $a[$i] -CaseSensitive:$CaseSensitive)) { return $false }
        }
        return $true
    }
    if ($null -eq $Expected) { return $null -eq $Actual }
    if ($CaseSensitive) { return [bool]($Expected -ceq $Actual) }  # the expected value on the left: it decides the conversion
    [bool]($Expected -eq $Actual)
}

function ConvertTo-PesterType {
    param($Type)
    if ($Type -is [string]) { return Invoke-Expression "[$($Type.Trim('[', ']'))]" }
    $Type
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [Parameter(Position = 1)] $LegacyArgument1,
        [Parameter(Position = 2)] $LegacyArgument2,
        [switch]$Not,
        [switch]$Be, [switch]$BeExactly, [switch]$BeTrue, [switch]$BeFalse, [switch]$BeNullOrEmpty,
        [switch]$Throw, [string]$ExpectedMessage, [string]$ErrorId, $ExceptionType,
        [switch]$HaveCount, [switch]$Match, [switch]$MatchExactly, [switch]$BeLike, [switch]$BeLikeExactly,
        [switch]$BeOfType, [switch]$BeIn, [switch]$Contain, [switch]$BeGreaterThan, [switch]$BeLessThan,
        [switch]$BeGreaterOrEqual, [switch]$BeLessOrEqual, [switch]$Exist, [switch]$FileContentMatch,
        [switch]$FileContentMatchExactly, [switch]$FileContentMatchMultiline, [switch]$HaveParameter,
        [switch]$Invoke, [switch]$BeExactlyIn,
        [string]$RegularExpression, [string]$Because, [switch]$PassThru, [string]$ParameterName, $Type,
        [switch]$Mandatory, $DefaultValue
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($ActualValue) }
    end {
        if ($items.Count -gt 1 -and ($BeOfType -or $BeIn -or $BeExactlyIn)) {
            # these operators do not take array input in Pester: each piped item is asserted on its own
            $each = @{} + $PSBoundParameters
            $null = $each.Remove('ActualValue')
            foreach ($item in $items) { , $item | Should @each }
            return
        }
        $actual = if ($items.Count -eq 1) { , $items[0] } elseif ($items.Count -eq 0) { $null } else { , $items.ToArray() }
        if ($PSBoundParameters.ContainsKey('RegularExpression')) { $ExpectedValue = $RegularExpression }
        # Pester 4 syntax: Should Be 1, Should Not Be 1, Should BeOfType [int], Should Throw 'message'.
        $operators = 'Be', 'BeExactly', 'BeTrue', 'BeFalse', 'BeNullOrEmpty', 'Throw', 'Match', 'MatchExactly', 'BeLike',
        'BeLikeExactly', 'BeOfType', 'BeIn', 'Contain', 'BeGreaterThan', 'BeLessThan', 'BeGreaterOrEqual', 'BeLessOrEqual',
        'Exist', 'FileContentMatch', 'FileContentMatchExactly', 'FileContentMatchMultiline', 'HaveCount', 'BeExactlyIn'
        $named = @($operators | Where-Object { $PSBoundParameters.ContainsKey($_) })
        if ($named.Count -eq 0 -and $ExpectedValue -is [string] -and ($operators + 'Not') -contains $ExpectedValue) {
            $words = @($ExpectedValue, $LegacyArgument1, $LegacyArgument2)
            $at = 0
            if ($words[0] -eq 'Not') { $Not = [switch]$true; $at = 1 }
            Set-Variable -Name $words[$at] -Value ([switch]$true)
            $ExpectedValue = $words[$at + 1]
        }
        $ok = $true
        $detail = ''
        if ($Throw) {
            $record = $null
            try { $null = & $actual } catch { $record = $_ }
            if ($Not) {
                if ($null -ne $record) { throw "Expected no exception to be thrown, but an exception `"$($record.Exception.Message)`" was thrown." }
                return
            }
            $message = if ($PSBoundParameters.ContainsKey('ExpectedMessage')) { $ExpectedMessage } elseif ($null -ne $ExpectedValue) { "$ExpectedValue" } else { $null }
            if ($null -eq $record) { throw 'Expected an exception to be thrown, but no exception was thrown.' }
            if ($ErrorId -and -not ($record.FullyQualifiedErrorId -like "*$ErrorId*")) {
                throw "Expected an exception with FullyQualifiedErrorId '$ErrorId' to be thrown, but got '$($record.FullyQualifiedErrorId)' ($($record.Exception.Message))."
            }
            # Pester 4 (what PowerShell's tests are written for) matches the message as a substring
            if ($message -and -not ($record.Exception.Message -like "*$message*")) {
                throw "Expected an exception with message like '$message' to be thrown, but the message was '$($record.Exception.Message)'."
            }
            if ($null -ne $ExceptionType) {
                $t = ConvertTo-PesterType $ExceptionType
                if ($record.Exception -isnot $t) {
                    throw "Expected an exception of type [$($t.FullName)] to be thrown, but got [$($record.Exception.GetType().FullName)]: $($record.Exception.Message)."
                }
            }
            if ($PassThru) { return $record }
            return
        }
        if ($Be) { $ok = Test-PesterEqual -Expected $ExpectedValue -Actual $actual; $detail = "Expected $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($BeExactly) { $ok = Test-PesterEqual -Expected $ExpectedValue -Actual $actual -CaseSensitive; $detail = "Expected exactly $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($BeTrue) { $ok = [bool]$actual; $detail = "Expected `$true, but got $(Format-PesterValue $actual)." }
        elseif ($BeFalse) { $ok = -not [bool]$actual; $detail = "Expected `$false, but got $(Format-PesterValue $actual)." }
        elseif ($BeNullOrEmpty) {
            $ok = $null -eq $actual -or ($actual -is [string] -and $actual -eq '') -or (@($actual).Count -eq 0)
            $detail = "Expected `$null or empty, but got $(Format-PesterValue $actual)."
        }
        elseif ($HaveCount) { $n = if ($null -eq $actual) { 0 } else { @($actual).Count }; $ok = $n -eq $ExpectedValue; $detail = "Expected a collection with size $ExpectedValue, but got $n." }
        elseif ($Match) { $ok = $actual -match $ExpectedValue; $detail = "Expected regular expression '$ExpectedValue' to match $(Format-PesterValue $actual), but it did not match." }
        elseif ($MatchExactly) { $ok = $actual -cmatch $ExpectedValue; $detail = "Expected regular expression '$ExpectedValue' to case sensitively match $(Format-PesterValue $actual), but it did not match." }
        elseif ($BeLike) { $ok = $actual -like $ExpectedValue; $detail = "Expected like wildcard '$ExpectedValue' to match $(Format-PesterValue $actual), but it did not match." }
        elseif ($BeLikeExactly) { $ok = $actual -clike $ExpectedValue; $detail = "Expected case sensitive like wildcard '$ExpectedValue' to match $(Format-PesterValue $actual), but it did not match." }
        elseif ($BeOfType) {
            $t = ConvertTo-PesterType $ExpectedValue
            $ok = $actual -is $t
            $name = if ($null -eq $actual) { '$null' } else { $actual.GetType().FullName }
            $detail = "Expected the value to have type [$($t.FullName)] or any of its subtypes, but got $(Format-PesterValue $actual) with type [$name]."
        }
        elseif ($BeIn) { $ok = $ExpectedValue -contains $actual; $detail = "Expected collection $(Format-PesterValue $ExpectedValue) to contain $(Format-PesterValue $actual), but it was not found." }
        elseif ($BeExactlyIn) { $ok = $ExpectedValue -ccontains $actual; $detail = "Expected collection $(Format-PesterValue $ExpectedValue) to contain exactly $(Format-PesterValue $actual), but it was not found." }
        elseif ($Contain) { $ok = @($actual) -contains $ExpectedValue; $detail = "Expected $(Format-PesterValue $ExpectedValue) to be found in collection $(Format-PesterValue $actual), but it was not found." }
        elseif ($BeGreaterThan) { $ok = $actual -gt $ExpectedValue; $detail = "Expected the actual value to be greater than $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($BeLessThan) { $ok = $actual -lt $ExpectedValue; $detail = "Expected the actual value to be less than $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($BeGreaterOrEqual) { $ok = $actual -ge $ExpectedValue; $detail = "Expected the actual value to be greater than or equal to $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($BeLessOrEqual) { $ok = $actual -le $ExpectedValue; $detail = "Expected the actual value to be less than or equal to $(Format-PesterValue $ExpectedValue), but got $(Format-PesterValue $actual)." }
        elseif ($Exist) { $ok = Test-Path $actual; $detail = "Expected path '$actual' to exist, but it did not exist." }
        elseif ($FileContentMatch) { $ok = [bool]((Get-Content $actual) -match $ExpectedValue); $detail = "Expected '$ExpectedValue' to be found in file '$actual', but it was not found." }
        elseif ($FileContentMatchExactly) { $ok = [bool]((Get-Content $actual) -cmatch $ExpectedValue); $detail = "Expected '$ExpectedValue' to be case sensitively found in file '$actual', but it was not found." }
        elseif ($FileContentMatchMultiline) { $ok = (Get-Content $actual -Raw) -match $ExpectedValue; $detail = "Expected '$ExpectedValue' to be found in file '$actual', but it was not found." }
        elseif ($HaveParameter) {
            $command = if ($actual -is [string]) { Get-Command $actual } else { $actual }
            if (-not $ParameterName) { $ParameterName = $ExpectedValue }  # `Should -HaveParameter Name` (positional)
            $ok = $command.Parameters.ContainsKey($ParameterName)
            $detail = "Expected command $($command.Name) to have a parameter $ParameterName, but the parameter is missing."
        }
        elseif ($Invoke) { throw 'Should -Invoke needs Mock, which the pyshell Pester shim does not provide' }
        else { throw 'Should: no assertion operator given (for example -Be).' }
        if ($Not) { $ok = -not $ok; $detail = "Not: $detail" }
        if (-not $ok) {
            if ($Because) { $detail = "$detail Because $Because" }
            throw $detail
        }
    }
}
