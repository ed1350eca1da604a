# A small Pester work-alike, written in pyshell's own language.
#
# Why: PowerShell's own *.Tests.ps1 files are the yardstick issue 2 is judged by. Dot-source this file and
# call Invoke-Pester on such a file to see which of its cases pyshell passes.
#
# It runs a file the way Pester 4 does (PowerShell's repository is written for it): a Describe/Context body runs
# once, top to bottom; BeforeAll runs where it stands and its variables and functions are seen by the rest of the
# block; each It runs at once, between the BeforeEach and AfterEach blocks of its enclosing blocks; AfterAll runs
# when the block ends. So test cases built in a BeforeAll are there when the It after it is called. It also takes
# Pester 5's -ForEach on Describe/Context/It, the Pester 4 `Should Be 1` syntax, -Skip/-Pending/Set-ItResult,
# $PSDefaultParameterValues['It:Skip'], $TestDrive (a TestDrive: folder) and PowerShell's test helpers (Helpers.ps1).
# Mock is not provided: a test that calls it fails with a clear message.

. (Join-Path $PSScriptRoot 'Should.ps1')
. (Join-Path $PSScriptRoot 'Helpers.ps1')

# Test files park skip switches in $PSDefaultParameterValues ('It:Skip') and clone it: make sure it exists.
if ($null -eq $global:PSDefaultParameterValues) { $global:PSDefaultParameterValues = @{} }
# Older test files only run when these (since graduated) experimental features are on: report them on.
if ($null -eq $global:EnabledExperimentalFeatures) {
    $global:EnabledExperimentalFeatures = [System.Collections.Generic.List[string]]::new()
    foreach ($feature in 'PSTernaryOperator', 'PSNullCoalescingOperators', 'PSPipelineChainOperators',
        'PSNullConditionalOperators', 'PSCultureInvariantReplaceOperator', 'PSForEachObjectParallel') { $global:EnabledExperimentalFeatures.Add($feature) }
}

$script:PesterRun = [ordered]@{
    Passed   = 0
    Failed   = 0
    Skipped  = 0
    Failures = [System.Collections.Generic.List[string]]::new()
    Frame    = $null
    Verbose  = $false
}

# Names a BeforeAll block leaves behind that are the engine's, not the test's.
$script:PesterAutomatic = @('_', 'args', 'input', 'MyInvocation', 'PSBoundParameters', 'PSCmdlet', 'this',
    'PSScriptRoot', 'PSCommandPath', 'foreach', 'switch', 'Matches', 'LASTEXITCODE', '__pBlock', '__pBefore')

function New-PesterFrame {
    param([string]$Name, $Parent, [bool]$Skip = $false)
    [pscustomobject]@{
        Name       = $Name
        Parent     = $Parent
        Skip       = $Skip
        Broken     = $null
        Functions  = [System.Collections.Generic.List[object]]::new()
        AfterAll   = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach  = [System.Collections.Generic.List[scriptblock]]::new()
    }
}

function Get-PesterFramePath {
    param($Frame)
    $names = @()
    while ($null -ne $Frame -and $null -ne $Frame.Parent) { $names = @($Frame.Name) + $names; $Frame = $Frame.Parent }
    $names -join ' > '
}

function Get-PesterBroken {
    # The BeforeAll failure of this block or an enclosing one, which fails every test below it.
    param($Frame)
    while ($null -ne $Frame) { if ($null -ne $Frame.Broken) { return $Frame.Broken }; $Frame = $Frame.Parent }
    $null
}

function Test-PesterSkipped {
    param($Frame)
    while ($null -ne $Frame) { if ($Frame.Skip) { return $true }; $Frame = $Frame.Parent }
    $false
}

function Test-PesterDefaultSkip {
    # Pester honours $PSDefaultParameterValues['It:Skip'], which test files set to skip a whole block.
    $defaults = $global:PSDefaultParameterValues
    if ($defaults -isnot [System.Collections.IDictionary]) { return $false }
    foreach ($key in @($defaults.Keys)) { if ("$key" -eq 'It:Skip' -and $defaults[$key]) { return $true } }
    $false
}

function Format-PesterName {
    param([string]$Name, $Case)
    if ($null -eq $Case) { return $Name }
    if ($Case -isnot [System.Collections.IDictionary]) { return $Name.Replace('<_>', "$Case") }
    foreach ($key in @($Case.Keys)) {
        $Name = $Name.Replace("<$key>", "$($Case[$key])")
    }
    $Name
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

function Invoke-PesterBlock {
    # One Describe/Context: its body runs here, in a scope of its own that BeforeAll fills and It reads.
    param([string]$Name, [scriptblock]$Fixture, [bool]$Skip, $Data)
    $parent = $script:PesterRun.Frame
    if ($null -eq $parent) { throw 'Describe must be called from a test file run by Invoke-Pester.' }
    $frame = New-PesterFrame -Name $Name -Parent $parent -Skip $Skip
    $script:PesterRun.Frame = $frame
    try {
        & {
            param($__pData, $__pFixture, $__pFrame)
            if ($null -ne $__pData) { foreach ($__pKey in @($__pData.Keys)) { Set-Variable -Name $__pKey -Value $__pData[$__pKey] } }
            foreach ($__pF in (Get-PesterFunctions $__pFrame.Parent)) { Set-Item -Path "function:$($__pF.Name)" -Value $__pF.ScriptBlock }
            try { . $__pFixture }
            catch { Write-PesterResult Failed "$(Get-PesterFramePath $__pFrame) (block)" "$_" }
            finally {
                if (-not (Test-PesterSkipped $__pFrame)) {
                    foreach ($__pF in (Get-PesterFunctions $__pFrame)) { Set-Item -Path "function:$($__pF.Name)" -Value $__pF.ScriptBlock }
                    foreach ($__pBlock in $__pFrame.AfterAll) { try { . $__pBlock } catch { } }
                }
            }
        } $Data $Fixture $frame
    }
    finally { $script:PesterRun.Frame = $parent }
}

function Invoke-PesterContainer {
    # Describe/Context once, or once per -ForEach item (its keys become variables, <key> fills the name).
    param([string]$Name, [scriptblock]$Fixture, [bool]$Skip, $ForEach)
    $items = @($ForEach)
    if ($null -eq $ForEach) { $items = @($null) }
    foreach ($item in $items) {
        $data = $item
        if ($null -ne $item -and $item -isnot [System.Collections.IDictionary]) { $data = @{ _ = $item } }
        Invoke-PesterBlock -Name (Format-PesterName -Name $Name -Case $item) -Fixture $Fixture -Skip $Skip -Data $data
    }
}

function Describe {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Fixture,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        $ForEach
    )
    Invoke-PesterContainer -Name $Name -Fixture $Fixture -Skip ([bool]$Skip) -ForEach $ForEach
}

function Context {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Fixture,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        $ForEach
    )
    Invoke-PesterContainer -Name $Name -Fixture $Fixture -Skip ([bool]$Skip) -ForEach $ForEach
}

function Get-PesterFunctions {
    # The functions the BeforeAll blocks of this block and the enclosing ones defined, outermost first.
    param($Frame)
    $chain = @()
    while ($null -ne $Frame) { $chain = @($Frame) + $chain; $Frame = $Frame.Parent }
    foreach ($f in $chain) { foreach ($fn in $f.Functions) { $fn } }
}

function Export-PesterScope {
    # Runs a setup block and copies what it defined into the caller's block scope: its variables there, its
    # functions into the frame, from where each scope that runs test code defines them again.
    param([scriptblock]$Block, [int]$Levels, $Frame)
    $before = @(Get-ChildItem function: | ForEach-Object Name)
    $found = & {
        param($__pBlock, $__pFrame)
        foreach ($__pF in (Get-PesterFunctions $__pFrame)) { Set-Item -Path "function:$($__pF.Name)" -Value $__pF.ScriptBlock }
        $null = . $__pBlock
        [pscustomobject]@{ Variables = @(Get-Variable -Scope 0); Functions = @(Get-ChildItem function:) }
    } $Block $Frame
    foreach ($v in $found.Variables) {
        if ($script:PesterAutomatic -notcontains $v.Name) { Set-Variable -Name $v.Name -Value $v.Value -Scope $Levels }
    }
    foreach ($f in $found.Functions) {
        if ($before -notcontains $f.Name -and $null -ne $Frame) { $Frame.Functions.Add($f) }
    }
}

function BeforeAll {
    param([Parameter(Position = 0)][scriptblock]$Scriptblock)
    $frame = $script:PesterRun.Frame
    if ($null -eq $frame -or (Test-PesterSkipped $frame) -or $null -ne (Get-PesterBroken $frame)) { return }
    try { Export-PesterScope -Block $Scriptblock -Levels 2 -Frame $frame }
    catch { $frame.Broken = "BeforeAll failed: $_" }
}

function BeforeDiscovery {
    param([Parameter(Position = 0)][scriptblock]$Scriptblock)
    Export-PesterScope -Block $Scriptblock -Levels 2 -Frame $script:PesterRun.Frame
}

function AfterAll { param([Parameter(Position = 0)][scriptblock]$Scriptblock) $script:PesterRun.Frame.AfterAll.Add($Scriptblock) }
function BeforeEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) $script:PesterRun.Frame.BeforeEach.Add($Scriptblock) }
function AfterEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) $script:PesterRun.Frame.AfterEach.Add($Scriptblock) }

function Get-PesterEachBlocks {
    param($Frame, [string]$Kind)
    $chain = @()
    while ($null -ne $Frame) { $chain = @($Frame) + $chain; $Frame = $Frame.Parent }
    foreach ($f in $chain) { foreach ($b in $f.$Kind) { $b } }
}

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
    if ($null -eq $frame -or $null -eq $frame.Parent) { throw 'It must be called inside Describe.' }
    $cases = [System.Collections.Generic.List[object]]::new()
    if ($null -ne $TestCases) { foreach ($c in $TestCases) { $cases.Add($c) } }
    if ($cases.Count -eq 0) { $cases.Add($null) }
    $prefix = Get-PesterFramePath $frame
    $broken = Get-PesterBroken $frame
    foreach ($case in $cases) {
        $title = "$prefix > $(Format-PesterName -Name $Name -Case $case)"
        if ($Skip -or $Pending -or (Test-PesterSkipped $frame) -or (Test-PesterDefaultSkip)) { Write-PesterResult Skipped $title; continue }
        if ($null -ne $broken) { Write-PesterResult Failed $title $broken; continue }
        if ($null -ne $case -and $case -isnot [System.Collections.IDictionary]) { $case = @{ _ = $case } }
        $befores = @(Get-PesterEachBlocks -Frame $frame -Kind BeforeEach)
        $afters = @(Get-PesterEachBlocks -Frame $frame -Kind AfterEach)
        $afters = @(for ($i = $afters.Count - 1; $i -ge 0; $i--) { $afters[$i] })
        $outcome = 'Passed'
        $message = ''
        try {
            $null = & {
                param($__pCase, $__pBody, $__pBefore, $__pAfter, $__pFrame)
                foreach ($__pF in (Get-PesterFunctions $__pFrame)) { Set-Item -Path "function:$($__pF.Name)" -Value $__pF.ScriptBlock }
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
            } $case $Test $befores $afters $frame
        }
        catch {
            if ("$_" -eq 'PesterSkip') { $outcome = 'Skipped' }
            else { $outcome = 'Failed'; $message = "$_" }
        }
        Write-PesterResult $outcome $title $message
    }
}

function Set-ItResult {
    param([switch]$Skipped, [switch]$Pending, [switch]$Inconclusive, [string]$Because)
    throw 'PesterSkip'
}

function Mock { throw 'Mock is not supported by the pyshell Pester shim' }

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
        & {
            param($__pFile, $__pRoot)
            $PSScriptRoot = Split-Path -Parent $__pFile
            try { . $__pFile }
            catch { Write-PesterResult Failed "$(Split-Path -Leaf $__pFile) (discovery)" "$_" }
            finally { foreach ($__pBlock in $__pRoot.AfterAll) { try { . $__pBlock } catch { } } }
        } $full $root
        $script:PesterRun.Frame = $null
        try { Remove-PSDrive -Name TestDrive -ErrorAction Stop } catch { }
        Remove-Item -LiteralPath $drive -Recurse -Force -ErrorAction SilentlyContinue
    }
    "Tests Passed: $($script:PesterRun.Passed), Failed: $($script:PesterRun.Failed), Skipped: $($script:PesterRun.Skipped)"
}
