# A small Pester 5 work-alike, written in pyshell's own language.
#
# Why: PowerShell's own *.Tests.ps1 files are the yardstick issue 2 is judged by. Dot-source this file and
# call Invoke-Pester on such a file to see which of its cases pyshell passes. It covers what those files
# use most: Describe/Context/It (with -TestCases, -Skip, -Pending), BeforeAll/AfterAll/BeforeEach/AfterEach,
# Should with its common operators, Set-ItResult, $TestDrive (a TestDrive: folder) and -Tag filtering.
# Mock is not provided: a test that calls it fails with a clear message.

. (Join-Path $PSScriptRoot 'Should.ps1')

$script:PesterRun = [ordered]@{
    Passed   = 0
    Failed   = 0
    Skipped  = 0
    Failures = [System.Collections.Generic.List[string]]::new()
    Frame    = $null
    Path     = [System.Collections.Generic.List[string]]::new()
    Verbose  = $false
}

function New-PesterFrame {
    param([string]$Name, $Parent, [bool]$Skip = $false)
    [pscustomobject]@{
        Name       = $Name
        Parent     = $Parent
        Skip       = $Skip
        BeforeAll  = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll   = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach  = [System.Collections.Generic.List[scriptblock]]::new()
        Children   = [System.Collections.Generic.List[object]]::new()
    }
}

function Add-PesterBlock {
    param([string]$Kind, [scriptblock]$Block, [string]$Name)
    $frame = $script:PesterRun.Frame
    if ($null -eq $frame) { throw "$Kind must be called inside Describe or at the top of a test file." }
    if ($Kind -eq 'Describe') {
        $child = New-PesterFrame -Name $Name -Parent $frame
        $frame.Children.Add($child)
        return $child
    }
    $frame.$Kind.Add($Block)
}

function Invoke-PesterDiscovery {
    param($Frame, [scriptblock]$Fixture)
    $saved = $script:PesterRun.Frame
    $script:PesterRun.Frame = $Frame
    try { $null = & $Fixture }
    catch {
        $Frame.Children.Add([pscustomobject]@{ Kind = 'Broken'; Name = 'discovery'; Error = "$_" })
    }
    finally { $script:PesterRun.Frame = $saved }
}

function Describe {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Fixture,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        $ForEach
    )
    $frame = Add-PesterBlock -Kind Describe -Name $Name
    $frame.Skip = [bool]$Skip
    Invoke-PesterDiscovery -Frame $frame -Fixture $Fixture
}

function Context {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Fixture,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        $ForEach
    )
    $frame = Add-PesterBlock -Kind Describe -Name $Name
    $frame.Skip = [bool]$Skip
    Invoke-PesterDiscovery -Frame $frame -Fixture $Fixture
}

function BeforeAll { param([Parameter(Position = 0)][scriptblock]$Scriptblock) Add-PesterBlock -Kind BeforeAll -Block $Scriptblock }
function AfterAll { param([Parameter(Position = 0)][scriptblock]$Scriptblock) Add-PesterBlock -Kind AfterAll -Block $Scriptblock }
function BeforeEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) Add-PesterBlock -Kind BeforeEach -Block $Scriptblock }
function AfterEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) Add-PesterBlock -Kind AfterEach -Block $Scriptblock }
function BeforeDiscovery { param([Parameter(Position = 0)][scriptblock]$Scriptblock) . $Scriptblock }

function It {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Test,
        [Alias('ForEach')][object[]]$TestCases,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        [switch]$Pending
    )
    $frame = $script:PesterRun.Frame
    if ($null -eq $frame) { throw 'It must be called inside Describe.' }
    $frame.Children.Add([pscustomobject]@{
            Kind      = 'It'
            Name      = $Name
            Body      = $Test
            TestCases = $TestCases
            Skip      = [bool]($Skip -or $Pending)
        })
}

function Set-ItResult {
    param([switch]$Skipped, [switch]$Pending, [switch]$Inconclusive, [string]$Because)
    throw 'PesterSkip'
}

function Mock { throw 'Mock is not supported by the pyshell Pester shim' }

function Format-PesterName {
    param([string]$Name, $Case)
    if ($null -eq $Case) { return $Name }
    foreach ($key in @($Case.Keys)) {
        $Name = $Name.Replace("<$key>", "$($Case[$key])")
    }
    $Name
}

function Get-PesterFramePath {
    param($Frame)
    $names = @()
    while ($null -ne $Frame -and $null -ne $Frame.Parent) { $names = @($Frame.Name) + $names; $Frame = $Frame.Parent }
    $names -join ' > '
}

function Get-PesterEachBlocks {
    param($Frame, [string]$Kind)
    $chain = @()
    while ($null -ne $Frame) { $chain = @($Frame) + $chain; $Frame = $Frame.Parent }
    foreach ($f in $chain) { foreach ($b in $f.$Kind) { $b } }
}

function Write-PesterResult {
    param([string]$Outcome, [string]$Name, [string]$Message)
    switch ($Outcome) {
        'Passed' { $script:PesterRun.Passed++; if ($script:PesterRun.Verbose) { "[+] $Name" } }
        'Skipped' { $script:PesterRun.Skipped++; if ($script:PesterRun.Verbose) { "[!] $Name" } }
        'Failed' {
            $script:PesterRun.Failed++
            $line = "[-] $Name :: $Message"
            $script:PesterRun.Failures.Add($line)
            $line
        }
    }
}

function Invoke-PesterTest {
    param($Test, $Frame, [bool]$Skip)
    $cases = [System.Collections.Generic.List[object]]::new()
    if ($null -ne $Test.TestCases) { foreach ($c in $Test.TestCases) { $cases.Add($c) } }
    if ($cases.Count -eq 0) { $cases.Add($null) }
    $prefix = Get-PesterFramePath $Frame
    foreach ($case in $cases) {
        $title = "$prefix > $(Format-PesterName -Name $Test.Name -Case $case)"
        if ($Skip -or $Test.Skip) { Write-PesterResult Skipped $title; continue }
        $befores = @(Get-PesterEachBlocks -Frame $Frame -Kind BeforeEach)
        $afters = @(Get-PesterEachBlocks -Frame $Frame -Kind AfterEach)
        $afters = @(for ($i = $afters.Count - 1; $i -ge 0; $i--) { $afters[$i] })
        $outcome = 'Passed'
        $message = ''
        try {
            $null = & {
                param($__pCase, $__pBody, $__pBefore, $__pAfter)
                if ($null -ne $__pCase) {
                    foreach ($__pKey in @($__pCase.Keys)) { Set-Variable -Name $__pKey -Value $__pCase[$__pKey] }
                }
                try {
                    foreach ($__pBlock in $__pBefore) { . $__pBlock }
                    if ($null -ne $__pCase -and "$__pBody" -match '^\s*(#[^\n]*\n\s*)*param\s*\(') {
                        . $__pBody @__pCase
                    }
                    else {
                        . $__pBody
                    }
                }
                finally {
                    foreach ($__pBlock in $__pAfter) { . $__pBlock }
                }
            } $case $Test.Body $befores $afters
        }
        catch {
            if ("$_" -eq 'PesterSkip') { $outcome = 'Skipped' }
            else { $outcome = 'Failed'; $message = "$_" }
        }
        Write-PesterResult $outcome $title $message
    }
}

function Invoke-PesterFrame {
    param($Frame, [bool]$Skip = $false)
    $Skip = $Skip -or $Frame.Skip
    $broken = $null
    if (-not $Skip) {
        try { foreach ($__pBlock in $Frame.BeforeAll) { . $__pBlock } }
        catch { $broken = "BeforeAll failed: $_" }
    }
    foreach ($child in $Frame.Children) {
        if ($child.Kind -eq 'It') {
            if ($null -ne $broken) { Write-PesterResult Failed "$(Get-PesterFramePath $Frame) > $($child.Name)" $broken }
            else { Invoke-PesterTest -Test $child -Frame $Frame -Skip $Skip }
        }
        elseif ($child.Kind -eq 'Broken') {
            Write-PesterResult Failed "$(Get-PesterFramePath $Frame) > $($child.Name)" $child.Error
        }
        elseif ($null -ne $broken) {
            Write-PesterResult Failed "$(Get-PesterFramePath $child) (all)" $broken
        }
        else {
            Invoke-PesterFrame -Frame $child -Skip $Skip
        }
    }
    if (-not $Skip) {
        try { foreach ($__pBlock in $Frame.AfterAll) { . $__pBlock } } catch { }
    }
}

function Invoke-Pester {
    param([Parameter(Mandatory, Position = 0)][string[]]$Path, [switch]$Detailed)
    $script:PesterRun.Verbose = [bool]$Detailed
    foreach ($file in $Path) {
        $full = (Resolve-Path -LiteralPath $file).Path
        $drive = Join-Path ([System.IO.Path]::GetTempPath()) ("pester-" + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $drive
        $global:TestDrive = $drive
        try { $null = New-PSDrive -Name TestDrive -PSProvider FileSystem -Root $drive -Scope Global -ErrorAction Stop } catch { }
        $root = New-PesterFrame -Name (Split-Path -Leaf $full) -Parent $null
        $script:PesterRun.Frame = $root
        $PSScriptRoot = Split-Path -Parent $full
        try { . $full }
        catch { Write-PesterResult Failed "$(Split-Path -Leaf $full) (discovery)" "$_" }
        $script:PesterRun.Frame = $null
        Invoke-PesterFrame -Frame $root
        try { Remove-PSDrive -Name TestDrive -ErrorAction Stop } catch { }
        Remove-Item -LiteralPath $drive -Recurse -Force -ErrorAction SilentlyContinue
    }
    "Tests Passed: $($script:PesterRun.Passed), Failed: $($script:PesterRun.Failed), Skipped: $($script:PesterRun.Skipped)"
}
