# The few helpers PowerShell's own test files import from their test modules (HelpersCommon and friends),
# written for the pyshell Pester shim from what those helpers do, so the files' own checks can run here.

function Wait-UntilTrue {
    # Polls a condition until it holds or the time is up; returns whether it held.
    param([scriptblock]$sb, [int]$TimeoutInMilliseconds = 10000, [int]$IntervalInMilliseconds = 1000)
    $deadline = [datetime]::Now.AddMilliseconds($TimeoutInMilliseconds)
    while (-not (& $sb)) {
        if ([datetime]::Now -gt $deadline) { return $false }
        Start-Sleep -Milliseconds $IntervalInMilliseconds
    }
    $true
}

function Wait-FileToBePresent {
    param([string]$File, [int]$TimeoutInSeconds = 10, [int]$IntervalInMilliseconds = 100)
    Wait-UntilTrue -sb { Test-Path $File } -TimeoutInMilliseconds ($TimeoutInSeconds * 1000) -IntervalInMilliseconds $IntervalInMilliseconds
}

function Test-IsRoot {
    # Root on Linux/macOS is what "elevated" means for these tests.
    if ($IsWindows) { return $false }
    [bool]((id -u) -eq '0')
}

function Test-IsElevated { Test-IsRoot }

function Get-RandomFileName { [System.IO.Path]::GetFileNameWithoutExtension([System.IO.Path]::GetRandomFileName()) }

function Test-TesthookIsSet { param([Parameter(Mandatory)]$testhookName) $false }
function Enable-Testhook { param([Parameter(Mandatory)]$testhookName) throw "Test hooks are not available in pyshell ($testhookName)." }
function Disable-Testhook { param([Parameter(Mandatory)]$testhookName) }
function Set-TesthookResult { param([Parameter(Mandatory)]$testhookName, $value) throw "Test hooks are not available in pyshell ($testhookName)." }

function Test-IsVstsLinux { [bool]($env:TF_BUILD -and $IsLinux) }
function Test-IsVstsWindows { [bool]($env:TF_BUILD -and $IsWindows) }
function Test-IsWindowsArm64 { $false }
function Test-IsWinWow64 { $false }
function Test-IsWinServer2012R2 { $false }
function Get-WsManSupport { $false }
function Test-CanWriteToPsHome { $false }

function Test-IsPreview {
    param([Parameter(Mandatory)][string]$Version, [switch]$IsLTS)
    if ($IsLTS) { return $false }
    $Version -like '*-*'
}

function Test-IsReleaseCandidate {
    param([Parameter(Mandatory)][string]$Version)
    $Version -like '*-rc.*'
}

function Start-NativeExecution {
    # Runs a block that calls a native program and fails when the program's exit code is not 0.
    param([scriptblock]$sb, [switch]$IgnoreExitcode, [switch]$VerboseOutputOnError)
    & $sb
    if ($LASTEXITCODE -ne 0 -and -not $IgnoreExitcode) { throw "Execution of {$sb} failed with exit code $LASTEXITCODE" }
}

function New-RandomHexString {
    param([int]$Length = 10)
    -join (1..$Length | ForEach-Object { '{0:x}' -f (Get-Random -Maximum 15) })
}

function Get-PlatformInfo {
    # Platform and version the way the test files compare them: from /etc/os-release on Linux.
    if ($IsWindows) { return @{ Platform = 'windows'; Version = '' } }
    if ($IsMacOS) { return @{ Platform = 'macos'; Version = '' } }
    $info = @{ Platform = 'unknown'; Version = '' }
    if (Test-Path /etc/os-release) {
        foreach ($line in Get-Content /etc/os-release) {
            if ($line -match '^ID=(.*)$') { $info.Platform = $Matches[1].Trim('"') }
            elseif ($line -match '^VERSION_ID=(.*)$') { $info.Version = $Matches[1].Trim('"') }
        }
    }
    $info
}

function ShouldBeErrorId {
    # Pester 4 helper from PowerShell's tests: the piped script block must fail with this FullyQualifiedErrorId.
    param([Parameter(ValueFromPipeline, Mandatory)][scriptblock]$sb, [Parameter(Mandatory, Position = 0)][string]$FullyQualifiedErrorId)
    process {
        $record = $null
        try { $null = & $sb } catch { $record = $_ }
        if ($null -eq $record) { throw "Expected an error with FullyQualifiedErrorId '$FullyQualifiedErrorId', but none was thrown." }
        if ($record.FullyQualifiedErrorId -ne $FullyQualifiedErrorId) {
            throw "Expected FullyQualifiedErrorId '$FullyQualifiedErrorId', but got '$($record.FullyQualifiedErrorId)' ($($record.Exception.Message))."
        }
    }
}

$script:PesterDefaultParameterStack = [System.Collections.Generic.List[object]]::new()

function Push-DefaultParameterValueStack {
    param([hashtable]$DefaultParameterValues)
    $script:PesterDefaultParameterStack.Add($global:PSDefaultParameterValues.Clone())
    foreach ($key in @($DefaultParameterValues.Keys)) { $global:PSDefaultParameterValues[$key] = $DefaultParameterValues[$key] }
}

function Pop-DefaultParameterValueStack {
    $last = $script:PesterDefaultParameterStack.Count - 1
    if ($last -lt 0) { return }
    $global:PSDefaultParameterValues = $script:PesterDefaultParameterStack[$last]
    $script:PesterDefaultParameterStack.RemoveAt($last)
}

function Import-Module {
    # Inside the shim only: PowerShell's test modules are provided above, so importing them does nothing;
    # anything else goes to pyshell's own Import-Module with every parameter it was given.
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param([Parameter(Position = 0, ParameterSetName = 'Name')][object[]]$Name,
        [Parameter(ParameterSetName = 'ModuleInfo', ValueFromPipeline)][object[]]$ModuleInfo,
        [switch]$Force, [switch]$PassThru, [string]$Prefix, [switch]$Global, [switch]$DisableNameChecking,
        [switch]$AsCustomObject, [switch]$NoClobber, [string]$Scope, [object[]]$ArgumentList,
        [string[]]$Function, [string[]]$Cmdlet, [string[]]$Variable, [string[]]$Alias,
        [version]$RequiredVersion, [Alias('Version')][string]$MinimumVersion, [string]$MaximumVersion, [switch]$SkipEditionCheck)
    process {
        $helpers = 'HelpersCommon', 'HelpersSecurity', 'HelpersRemoting', 'HelpersHostCS', 'HttpListener', 'Test.Helpers',
        'WebListener', 'PSSysLog', 'Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Utility'
        $rest = @{} + $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -eq 'ModuleInfo') {
            Microsoft.PowerShell.Core\Import-Module @rest
            return
        }
        $null = $rest.Remove('Name')
        foreach ($n in $Name) {
            $leaf = [System.IO.Path]::GetFileNameWithoutExtension("$n")
            if ($helpers -notcontains $leaf) { Microsoft.PowerShell.Core\Import-Module -Name $n @rest }
        }
    }
}

function Resolve-FilePath {
    # HelpersCommon's: the full file-system path of a (possibly not yet existing) path.
    param([Parameter(Mandatory)][string]$Path)
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Add-TestDynamicType {
    # HelpersCommon compiles a C# DynamicObject ([TestDynamic]) here; pyshell has no Add-Type for C#, so the
    # tests that use it fail on the missing type instead of the whole file failing on this call.
}

function Setup {
    # Pester 4's Setup: create a file or folder under TestDrive (-Content for a file's text), return it with -PassThru.
    # a simple function (no [Parameter()]), as in Pester 4: -D means -Dir, no common parameters to collide with
    param([switch]$Dir, [switch]$File, [string]$Path, $Content = '', [switch]$PassThru)
    $full = Join-Path $global:TestDrive $Path
    if ($Dir) { $item = New-Item -ItemType Directory -Path $full -Force }
    else {
        $parent = Split-Path -Parent $full
        if (-not (Test-Path -LiteralPath $parent)) { $null = New-Item -ItemType Directory -Path $parent -Force }
        $item = New-Item -ItemType File -Path $full -Force
        if ("$Content" -ne '') { Set-Content -LiteralPath $full -Value $Content }
    }
    if ($PassThru) { $item }
}
