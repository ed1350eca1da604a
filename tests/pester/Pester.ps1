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
# Older test files only run when these experimental features (built in since 7.0) are on: report them on, and
# keep whatever the engine itself reports.
$script:PesterFeatures = [System.Collections.Generic.List[string]]::new()
foreach ($feature in @($global:EnabledExperimentalFeatures) + @('PSTernaryOperator', 'PSNullCoalescingOperators',
        'PSPipelineChainOperators', 'PSNullConditionalOperators', 'PSCultureInvariantReplaceOperator',
        'PSForEachObjectParallel')) {
    if ($null -ne $feature -and -not $script:PesterFeatures.Contains("$feature")) { $script:PesterFeatures.Add("$feature") }
}
$global:EnabledExperimentalFeatures = $script:PesterFeatures

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
    # One Describe/Context: its body runs here, in a scope of its own that BeforeAll fills and It reads. Every
    # local of the shim on the way to user code is __p-named, so a test's $name or $skip is never the shim's.
    param([string]$__pName, [scriptblock]$__pFixture, [bool]$__pSkip, $__pData)
    $__pParent = $script:PesterRun.Frame
    if ($null -eq $__pParent) { throw 'Describe must be called from a test file run by Invoke-Pester.' }
    $__pFrame = New-PesterFrame -Name $__pName -Parent $__pParent -Skip $__pSkip
    $script:PesterRun.Frame = $__pFrame
    # as Pester 5 does, what a block adds to TestDrive goes when the block ends
    $__pBefore = @(Get-ChildItem -LiteralPath $global:TestDrive -Force -ErrorAction Ignore | ForEach-Object FullName)
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
        } $__pData $__pFixture $__pFrame
    }
    finally {
        $script:PesterRun.Frame = $__pParent
        Get-ChildItem -LiteralPath $global:TestDrive -Force -ErrorAction Ignore |
            Where-Object { $__pBefore -notcontains $_.FullName } |
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-PesterContainer {
    # Describe/Context once, or once per -ForEach item (its keys become variables, <key> fills the name).
    param([string]$__pName, [scriptblock]$__pFixture, [bool]$__pSkip, $__pForEach)
    $__pItems = @($__pForEach)
    if ($null -eq $__pForEach) { $__pItems = @($null) }
    foreach ($__pItem in $__pItems) {
        $__pData = $__pItem
        if ($null -ne $__pItem -and $__pItem -isnot [System.Collections.IDictionary]) { $__pData = @{ _ = $__pItem } }
        Invoke-PesterBlock -__pName (Format-PesterName -Name $__pName -Case $__pItem) -__pFixture $__pFixture `
            -__pSkip $__pSkip -__pData $__pData
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
    $__pArgs = @{ __pName = $Name; __pFixture = $Fixture; __pSkip = [bool]$Skip; __pForEach = $ForEach }
    Remove-Variable -Name Name, Fixture, Tag, Skip, ForEach -Scope 0 -ErrorAction Ignore
    Invoke-PesterContainer @__pArgs
}

function Context {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Fixture,
        [Alias('Tags')][string[]]$Tag,
        [switch]$Skip,
        $ForEach
    )
    $__pArgs = @{ __pName = $Name; __pFixture = $Fixture; __pSkip = [bool]$Skip; __pForEach = $ForEach }
    Remove-Variable -Name Name, Fixture, Tag, Skip, ForEach -Scope 0 -ErrorAction Ignore
    Invoke-PesterContainer @__pArgs
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
    param([scriptblock]$__pBlock, [int]$__pLevels, $__pFrame)
    $__pBefore = @(Get-ChildItem function: | ForEach-Object Name)
    $__pFound = & {
        param($__pBlock, $__pFrame)
        foreach ($__pF in (Get-PesterFunctions $__pFrame)) { Set-Item -Path "function:$($__pF.Name)" -Value $__pF.ScriptBlock }
        $null = . $__pBlock
        [pscustomobject]@{ Variables = @(Get-Variable -Scope 0); Functions = @(Get-ChildItem function:)
            Aliases = @(Get-Alias -Scope 0 -ErrorAction Ignore) }
    } $__pBlock $__pFrame
    # aliases the block set (local to its scope, as in pwsh) belong to the block's scope, as in Pester
    foreach ($__pA in $__pFound.Aliases) {
        Set-Alias -Name $__pA.Name -Value $__pA.Definition -Description $__pA.Description -Scope $__pLevels -Force
    }
    foreach ($__pV in $__pFound.Variables) {
        if ($script:PesterAutomatic -notcontains $__pV.Name -and $__pV.Name -notlike '__p*') {
            Set-Variable -Name $__pV.Name -Value $__pV.Value -Scope $__pLevels
        }
    }
    foreach ($__pF in $__pFound.Functions) {
        if ($__pBefore -notcontains $__pF.Name -and $null -ne $__pFrame) { $__pFrame.Functions.Add($__pF) }
    }
}

function BeforeAll {
    param([Parameter(Position = 0)][scriptblock]$Scriptblock)
    $__pBlock = $Scriptblock
    Remove-Variable -Name Scriptblock -Scope 0 -ErrorAction Ignore
    $__pFrame = $script:PesterRun.Frame
    if ($null -eq $__pFrame -or (Test-PesterSkipped $__pFrame) -or $null -ne (Get-PesterBroken $__pFrame)) { return }
    try { Export-PesterScope -__pBlock $__pBlock -__pLevels 2 -__pFrame $__pFrame }
    catch { $__pFrame.Broken = "BeforeAll failed: $_" }
}

function BeforeDiscovery {
    param([Parameter(Position = 0)][scriptblock]$Scriptblock)
    $__pBlock = $Scriptblock
    Remove-Variable -Name Scriptblock -Scope 0 -ErrorAction Ignore
    Export-PesterScope -__pBlock $__pBlock -__pLevels 2 -__pFrame $script:PesterRun.Frame
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
    $__pName = $Name; $__pTest = $Test; $__pTestCases = $TestCases; $__pSkipIt = [bool]($Skip -or $Pending)
    Remove-Variable -Name Name, Test, TestCases, Tag, Skip, Pending -Scope 0 -ErrorAction Ignore
    $__pFrame = $script:PesterRun.Frame
    if ($null -eq $__pFrame -or $null -eq $__pFrame.Parent) { throw 'It must be called inside Describe.' }
    $__pCases = [System.Collections.Generic.List[object]]::new()
    if ($null -ne $__pTestCases) { foreach ($__pC in $__pTestCases) { $__pCases.Add($__pC) } }
    if ($__pCases.Count -eq 0) { $__pCases.Add($null) }
    $__pPrefix = Get-PesterFramePath $__pFrame
    $__pBroken = Get-PesterBroken $__pFrame
    foreach ($__pCase in $__pCases) {
        $__pTitle = "$__pPrefix > $(Format-PesterName -Name $__pName -Case $__pCase)"
        if ($__pSkipIt -or (Test-PesterSkipped $__pFrame) -or (Test-PesterDefaultSkip)) { Write-PesterResult Skipped $__pTitle; continue }
        if ($null -ne $__pBroken) { Write-PesterResult Failed $__pTitle $__pBroken; continue }
        if ($null -ne $__pCase -and $__pCase -isnot [System.Collections.IDictionary]) { $__pCase = @{ _ = $__pCase } }
        $__pBefores = @(Get-PesterEachBlocks -Frame $__pFrame -Kind BeforeEach)
        $__pAfters = @(Get-PesterEachBlocks -Frame $__pFrame -Kind AfterEach)
        $__pAfters = @(for ($__pI = $__pAfters.Count - 1; $__pI -ge 0; $__pI--) { $__pAfters[$__pI] })
        $__pOutcome = 'Passed'
        $__pMessage = ''
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
            } $__pCase $__pTest $__pBefores $__pAfters $__pFrame
        }
        catch {
            if ("$_" -eq 'PesterSkip') { $__pOutcome = 'Skipped' }
            else { $__pOutcome = 'Failed'; $__pMessage = "$_" }
        }
        Write-PesterResult $__pOutcome $__pTitle $__pMessage
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
            try { & $__pFile }
            catch { Write-PesterResult Failed "$(Split-Path -Leaf $__pFile) (discovery)" "$_" }
            finally { foreach ($__pBlock in $__pRoot.AfterAll) { try { . $__pBlock } catch { } } }
        } $full $root
        $script:PesterRun.Frame = $null
        try { Remove-PSDrive -Name TestDrive -ErrorAction Stop } catch { }
        Remove-Item -LiteralPath $drive -Recurse -Force -ErrorAction SilentlyContinue
    }
    "Tests Passed: $($script:PesterRun.Passed), Failed: $($script:PesterRun.Failed), Skipped: $($script:PesterRun.Skipped)"
}
