"""Conformance fixes from the Pester/docs triage: [ref], [type] objects, TryParse/Parse statics, [array]::,
[version], array casts of $null, char ranges, MatchEvaluator, FileInfo/DirectoryInfo::new.

Expected values are what PowerShell 7 prints (about_Ref, about_Arrays, about_Type_Operators, about_Booleans and
the Pester files Scripting/Array, Operators/RangeOperator, Operators/ReplaceOperator of PowerShell/PowerShell).
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # [ref]: to a variable, to a value, through [ref] parameters and .NET-like out parameters
    ("$r = 0; [int]::TryParse('7', [ref]$r); $r", [True, 7]),
    ("$r = 5; [int]::TryParse('x', [ref]$r); $r", [False, 0]),
    ("$d = 0.0; [double]::TryParse('1.5', [ref]$d); $d", [True, 1.5]),
    ("function f([ref]$x) { $x.Value = 2 }; $v = 1; f ([ref]$v); $v", [2]),
    ("function g { param([ref]$p) $p.Value += 1 }; $n = 1; g -p ([ref]$n); g ([ref]$n); $n", [3]),
    ("$a = 1; $r = [ref]$a; $r.Value = 5; $a; ([ref]5).Value; ([ref](1 + 2)).Value", [5, 5, 3]),
    ("[int]::TryParse('x', [ref]$null); $r = [ref]$true; $r.Value", [False, True]),
    ("[int]$t = 1; $r = [ref]$t; $r.Value = '42'; $t.GetType().Name", ["Int32"]),
    ("$x = 1; function h { $r = [ref]$x; $r.Value = 9 }; h; $x", [9]),
    # Parse statics of the primitive types
    ("[bool]::Parse('false'); [bool]::Parse(' TRUE '); [bool]::TrueString; [bool]::FalseString",
     [False, True, "True", "False"]),
    ("[char]::IsDigit('5'); [char]::IsLetter('5'); [char]::IsUpper('abC', 2); [char]::IsWhiteSpace(' ')",
     [True, False, True, True]),
    ("[long]::Parse('99999999999'); [int]::Parse(' -12 ').GetType().Name", [99999999999, "Int32"]),
    # [type] values
    ("([type]'int').FullName; ('System.String' -as [type]).Name; $null -eq ('nosuch' -as [type])",
     ["System.Int32", "String", True]),
    ("[int].BaseType.FullName; [int].IsValueType; [string].IsValueType; [int].IsPublic; [int].IsSerializable",
     ["System.ValueType", True, False, True, True]),
    ("(1, 2).GetType().BaseType.FullName; [int[]].IsArray; [int[]].GetElementType().Name; [int].GetElementType() -eq $null",
     ["System.Array", True, "Int32", True]),
    ("[ConsoleColor].IsEnum; [ConsoleColor].BaseType.Name; [ValueType].IsAssignableFrom([int]); "
     "[int].IsAssignableFrom([string]); [object].IsAssignableFrom([string])",
     [True, "Enum", True, False, True]),
    ("[System.Collections.IList].IsAssignableFrom([object[]]); [System.Collections.IList].IsInterface",
     [True, True]),
    ("\"$([System.Collections.Generic.List[int]])\"; [System.Collections.Generic.Dictionary[string,int]].ToString(); "
     "[Collections.Generic.List[string]].Name; \"$([int[]])\"",
     # string conversion of a Type is ToStringCodeMethods.Type (PSObject.ToString); .ToString() is .NET's
     ["System.Collections.Generic.List[int]", "System.Collections.Generic.Dictionary`2[System.String,System.Int32]",
      "List`1", "int[]"]),
    ("[string].Namespace; [object].BaseType -eq $null; [System.IO.FileInfo].BaseType.Name",
     ["System", True, "FileSystemInfo"]),
    # [array]:: statics
    ("$a = 1, 2, 3; [array]::Reverse($a); $a -join ','", ["3,2,1"]),
    ("$a = 1, 2, 3, 4, 5; [array]::Reverse($a, 1, 3); $a -join ','", ["1,4,3,2,5"]),
    ("[array]::IndexOf((1, 2, 3), 2); [array]::IndexOf(('a', 'B'), 'b'); [array]::LastIndexOf((1, 2, 1), 1)", [1, -1, 2]),
    ("$a = 3, 1, 2; [array]::Sort($a); $a -join ','; $k = 2, 1; $v = 'b', 'a'; [array]::Sort($k, $v); $v -join ','",
     ["1,2,3", "a,b"]),
    ("$a = 1, 2; [array]::Resize([ref]$a, 4); $a.Count; $null -eq $a[3]; [int[]]$i = 1, 2; [array]::Resize([ref]$i, 3); "
     "$i -join ','; $i.GetType().Name", [4, True, "1,2,0", "Int32[]"]),
    ("$s = 1, 2, 3; $d = @(0, 0, 0, 0); [array]::Copy($s, $d, 2); $d -join ','; [array]::Copy($s, 1, $d, 2, 2); $d -join ','",
     ["1,2,0,0", "1,2,2,3"]),
    ("[array]::Exists([int[]](1, 2, 3), [Predicate[int]]{ $args[0] -gt 2 }); "
     "[array]::Find((1, 2, 3), [Predicate[object]]{ $_ -gt 1 }); [array]::FindAll((1, 2, 3), [Predicate[object]]{ $_ -gt 1 }) -join ','",
     [True, 2, "2,3"]),
    ("[array]::ConvertAll([int[]](1, 2, 3), [Converter[int,string]]{ \"x$($args[0])\" }) -join ','; "
     "[array]::TrueForAll((2, 4), [Predicate[object]]{ $_ % 2 -eq 0 }); [array]::BinarySearch((1, 3, 5), 3)",
     ["x1,x2,x3", True, 1]),
    # System.Array members
    ("$a = 1, 2, 3; $a.Clear(); $a.Count; $null -eq $a[0]; [int[]]$i = 1, 2, 3; $i.Clear(); $i -join ','",
     [3, True, "0,0,0"]),
    ("$a = 0..4; $a.SetValue(500, 1); $a[1]; $a.GetValue(2); (1, 2).Rank; $x = 1, 2; $x.LongLength; $x.IsFixedSize; "
     "$x.GetLength(0); $x.GetUpperBound(0)", [500, 2, 1, 2, True, 2, 1]),
    # [version]
    ("$v = [version]'1.2.3'; $v.Major; $v.Minor; $v.Build; $v.Revision; \"$v\"; $v.GetType().FullName",
     [1, 2, 3, -1, "1.2.3", "System.Version"]),
    ("[version]'1.2.3' -lt '1.10'; [version]'1.2' -gt [version]'1.1.9'; [version]'2.0' -eq '2.0'; "
     "[version]::new(1, 2, 3, 4).ToString(2); [version]::Parse('2.5').Minor", [True, True, True, "1.2", 5]),
    ("('1.10', '1.9', '1.2' | Sort-Object { [version]$_ }) -join ' '; $r = $null; [version]::TryParse('x', [ref]$r); "
     "$null -eq $r", ["1.2 1.9 1.10", False, True]),
    # casts of $null to an array type stay $null (so @() of one holds one element)
    ("@([object[]]$null).Count; @([int[]]$null).Count; $null -eq [string[]]$null", [1, 1, True]),
    # a character range yields [char]s
    ("('a'..'c')[0].GetType().Name; ('a'..'c') -join ''; ('c'..'a') -join ''", ["Char", "abc", "cba"]),
    # ...but piped, a character range yields strings (RangeOperator.Tests.ps1)
    ("('A'..'E' | ForEach-Object { $_ })[0].GetType().Name; ('A'..'C' | ForEach-Object { $_ }) -join ''",
     ["String", "ABC"]),
    # -split with a script block and a negative limit splits from the right
    ("('a::b::c::d' -split { $_ -eq 'b' -or $_ -eq 'C' }, -2) -join '|'; "
     "('a::b::c::d' -split { $_ -eq 'b' -or $_ -eq 'C' }, 2) -join '|'", ["a::b::|::d", "a::|::c::d"]),
    # script blocks as MatchEvaluator: the match is $_ and $args[0]
    ("$m = { 'X' * $args[0].Value.Length } -as [System.Text.RegularExpressions.MatchEvaluator]; "
     "'ID ABC123' -replace '\\b[A-C]+', $m", ["ID XXX123"]),
    ("[regex]::Replace('abc', 'b', [System.Text.RegularExpressions.MatchEvaluator]{ param($m) $m.Value.ToUpper() }); "
     "[regex]::Replace('aBc', 'b', 'x', 'IgnoreCase'); 'a1b2' -replace '\\d', { [int]$_.Value * 2 }",
     ["aBc", "axc", "a2b4"]),
    # FileInfo / DirectoryInfo constructors
    ("[string]$v = 'x'; $v = [System.IO.FileInfo]::new('abc'); $v; [System.IO.FileInfo]::new('/tmp/x.txt').Extension",
     ["abc", ".txt"]),
    ("$d = [IO.DirectoryInfo]::new('/tmp'); $d.Exists; $d.GetType().FullName; [IO.FileInfo]::new('/no/such').Exists",
     [True, "System.IO.DirectoryInfo", False]),
    # Tuple, WildcardPattern
    ("$t = [Tuple]::Create(1, 'test'); $t[0]; $t[-1]; $t.Item2; \"$t\"", [1, "test", "test", "(1, test)"]),
    ("[WildcardPattern]::Escape('a[0]*'); [WildcardPattern]::new('a*').IsMatch('ABC'); "
     "[WildcardPattern]::new('a*', 'IgnoreCase').IsMatch('ABC')", ["a`[0`]`*", False, True]),
    # [pscustomobject] is the PSObject type (about_PSCustomObject); only its cast of a hashtable makes a property bag
    ("$o = [pscustomobject]@{a = 1}; $o.a; $o.GetType().FullName; $o -is [pscustomobject]; $o -is [psobject]; "
     "1 -is [psobject]; [pscustomobject] -eq [System.Management.Automation.PSCustomObject]; [pscustomobject].Name; "
     "[psobject] -eq [pscustomobject]",
     [1, "System.Management.Automation.PSCustomObject", True, True, False, False, "PSObject", True]),
    # [Math]::Round with [MidpointRounding] (about_Arithmetic_Operators), .NET's scale-round-unscale for digits
    ("[int][Math]::Round(5 / 2, [MidpointRounding]::AwayFromZero); [Math]::Round(2.5, 'AwayFromZero'); [Math]::Round(2.5); "
     "[Math]::Round(1.255, 2); [Math]::Round(-2.5, 'ToZero'); [string][Math]::Round(2.345d, 2, 'AwayFromZero')",
     [3, 3.0, 2.0, 1.25, -2.0, "2.35"]),
    # byte-based [Flags] enum AceFlags (ComparisonOperator.Tests.ps1)
    ("([System.Security.AccessControl.AceFlags]::ObjectInherit -bor 'ContainerInherit').ToString(); "
     "[System.Security.AccessControl.AceFlags]::ContainerInherit.value__", ["ObjectInherit, ContainerInherit", 2]),
    # string -> number: &h, # and 0b prefixes (about_Numeric_Literals)
    ("[int]'&hF'; [int]'#F'; [int]'0b1111'; [int]'-0b11'; 1 + '&h10'", [15, 15, 15, -3, 17]),
    # Dictionary[K,V]: .Item() throws for a missing key, [] gives $null; TryGetValue, Remove
    ("$d = [Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d.Item('a'); $null -eq $d['zz']; "
     "$v = 5; $d.TryGetValue('b', [ref]$v); $v; $d.Remove('a'); $d.Remove('a')", [1, True, False, 0, True, False]),
    # Dictionary[K,V] keys compare as .NET does: strings case-sensitively; an index converts to the key type
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d['A'] = 2; $d.Count; $d['a']; "
     "$d.ContainsKey('A'); $d3 = [System.Collections.Generic.Dictionary[int,string]]::new(); $d3[1] = 'one'; $d3['1']",
     [2, 1, True, "one"]),
    # List[T]: its own properties and ToString()
    ("[System.Collections.Generic.List[string]]$c = 'a', 'b'; $c.IsReadOnly; $c.Capacity -ge 2; $c.ToString()",
     [False, True, "System.Collections.Generic.List`1[System.String]"]),
    # DateTime.Parse shapes of the docs (invariant culture; two-digit years up to 49 are 20xx)
    ("([datetime]'12/25/2021 3:00 PM').ToString('yyyy-MM-dd HH:mm'); ([datetime]'1 Jan 1970').DayOfWeek; "
     "([datetime]'Jan 1, 2020').ToString('yyyy-MM-dd'); (Get-Date '25-Dec-2021').Day; ([datetime]'2/20/88').Year; "
     "([datetime]'1/1/30').Year; ([datetime]'Monday, January 1, 2018 11:30:00 AM').Hour",
     ["2021-12-25 15:00", "Thursday", "2020-01-01", 25, 1988, 2030, 11]),
    ("[DateTime]'2/20/88' - [DateTime]'1/20/88' -eq [TimeSpan]'31'; ([timespan]'-5').Days; ([timespan]'1.02:03:04').Hours",
     [True, -5, 2]),
    # negative zero prints as -0 (Parser.Tests.ps1: -0e2)
    ("[string](-0e2); (-0e2).GetType().Name; [string](0e1)", ["-0", "Double", "0"]),
    # case-sensitive ordering is the culture's: lower case before upper case, letters before case
    ("'aaa' -clt 'AAA'; 'AAA' -cgt 'aaa'; 'a' -clt 'B'; 'B' -clt 'a'; ('b', 'A', 'a', 'B' | Sort-Object -CaseSensitive) -join ''",
     [True, True, True, False, "aAbB"]),
    ("[System.Reflection.MemberTypes]'Method,Property'; "
     "function get-fooa { param([System.Reflection.MemberTypes]$m = $([Enum]::GetNames('System.Reflection.MemberTypes') -join ',')) "
     "$m.GetType().FullName }; get-fooa", ["Method, Property", "System.Reflection.MemberTypes"]),
    # [scriptblock]::Create's parse errors are MethodInvocationExceptions named after the parse exception
    ("try { [scriptblock]::Create('500sgb') } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name; "
     "$_.Exception.InnerException.GetType().Name }; try { [scriptblock]::Create('(') } catch { $_.FullyQualifiedErrorId }",
     ["ParseException", "MethodInvocationException", "ParseException", "IncompleteParseException"]),
    # [System.Text.Encoding]
    ("[Text.Encoding]::UTF8.GetBytes('ab') -join ','; [Text.Encoding]::UTF8.GetString([byte[]](104, 105)); "
     "[System.Text.Encoding]::Unicode.GetBytes('a') -join ','; [Text.Encoding]::ASCII.GetBytes('\u00e9') -join ','; "
     "([Text.Encoding]::UTF8.GetBytes('ab')).GetType().Name; [Text.Encoding]::UTF8.WebName; "
     "[Text.Encoding]::GetEncoding('utf-8').CodePage; [Text.Encoding]::UTF8.GetPreamble() -join ','",
     ["97,98", "hi", "97,0", "63", "Byte[]", "utf-8", 65001, "239,187,191"]),
    ("[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('hello'))", ["aGVsbG8="]),
    ("[System.Text.Encoding]::GetEncoding('IBM437').WebName; [Text.Encoding]::GetEncoding(1252).EncodingName; "
     "[Text.Encoding]::GetEncoding('windows-1252').GetBytes([string][char]0xE9) -join ','",
     ["ibm437", "Western European (Windows)", "233"]),
    # New-Object with accelerators and the types' own constructors
    ("(New-Object -TypeName regex -ArgumentList 'p+').GetType().FullName; (New-Object version 1, 2).ToString(); "
     "(New-Object System.IO.FileInfo '/etc/hosts').Name; (New-Object datetime 2020, 1, 2).Day",
     ["System.Text.RegularExpressions.Regex", "1.2", "hosts", 2]),
    # [bigint]: every operand becomes a BigInteger (doubles truncate)
    ("[bigint]1 / 1.9; 1 / [bigint]1.9; [bigint]7 / 2; ([bigint]1 + 0.5).GetType().Name; [bigint]-1.9",
     [1, 1, 3, "BigInteger", -1]),
    # adding dictionaries makes a Hashtable, even from [ordered]
    ("$a = [ordered]@{a = 1}; $a += @{b = 2}; $a.GetType().Name; $a.b", ["Hashtable", 2]),
    # [uri]
    ("$u = [uri]'https://Example.com:8443/path/x%20y.html?q=1#f'; $u.Host; $u.Port; $u.Segments -join '|'; $u.Scheme; "
     "$u.AbsolutePath; $u.LocalPath; $u.Query; $u.Fragment; $u.Authority; $u.IsDefaultPort; \"$u\"; "
     "$u.GetLeftPart('Authority')",
     ["example.com", 8443, "/|path/|x%20y.html", "https", "/path/x%20y.html", "/path/x y.html", "?q=1", "#f",
      "example.com:8443", False, "https://example.com:8443/path/x y.html?q=1#f", "https://example.com:8443"]),
    ("([uri]'https://a.com').Port; ([uri]'foo/bar').IsAbsoluteUri; [uri]::EscapeDataString('a b&c'); "
     "[uri]::new([uri]'https://x.com/a/b', '../c').AbsoluteUri; [uri]'http://a.com' -eq [uri]'HTTP://A.com/'; "
     "([uri]'file:///tmp/a').IsFile",
     [443, False, "a%20b%26c", "https://x.com/c", True, True]),
    # [semver]
    ("$s = [semver]'1.2.3-beta.1+b5'; $s.Major; $s.Patch; $s.PreReleaseLabel; $s.BuildLabel; \"$s\"; "
     "[semver]'1.0.0-alpha' -lt [semver]'1.0.0'; [semver]'1.0.0-alpha.2' -lt '1.0.0-alpha.10'; [semver]'2.0' -eq '2.0.0'; "
     "[semver]::new(1, 2, 3, 'rc1').ToString()",
     [1, 3, "beta.1", "b5", "1.2.3-beta.1+b5", True, True, True, "1.2.3-rc1"]),
    # $PSVersionTable.PSVersion compares as the SemanticVersion it is
    ("$PSVersionTable.PSVersion -ge [version]'7.0'; $PSVersionTable.PSVersion -lt [version]'7.0'; "
     "$PSVersionTable.PSVersion -ge '7.2'; ([version]$PSVersionTable.PSVersion).Major; "
     "[version]'7.0' -le $PSVersionTable.PSVersion; [semver]$PSVersionTable.PSVersion -gt [semver]'7.0.0-rc.1'",
     [True, False, True, 7, True, True]),
    # multidimensional arrays (about_Arrays)
    ("$r = [string[,]]::new(3, 2); $r.Rank; $r.Length; $r[1, 1] = 'd'; $r[1, 1]; $r.GetType().Name; $r.GetLength(0); "
     "$r.GetUpperBound(1); $null -eq $r[5, 5]", [2, 6, "d", "String[,]", 3, 1, True]),
    ("$b = New-Object 'int[,]' 2, 2; $b[0, 1] = '5'; $b.GetType().Name; ('red', $true + $b) -join ','; $b.Count; "
     "$b.GetValue(0, 1)", ["Int32[,]", "red,True,0,5,0,0", 4, 5]),
    ("[int[,]].Name; [int[,]].IsArray; [int[,]].GetArrayRank(); [int[,]].BaseType.Name; [int[,]].GetElementType().Name",
     ["Int32[,]", True, 2, "Array", "Int32"]),
    # arrays .NET types as string[] / char[] / enum[] carry that element type
    ("[enum]::GetValues([ConsoleColor]).GetType().Name; [enum]::GetNames([ConsoleColor]).GetType().Name; "
     "'abc'.ToCharArray().GetType().Name; 'a,b'.Split(',').GetType().Name; ('a b' -split ' ') -is [string[]]; "
     "[regex]::Split('a,b', ',').GetType().Name", ["ConsoleColor[]", "String[]", "Char[]", "String[]", True, "String[]"]),
    # $null cast to a reference type is $null
    ("$null -eq [version]$null; $null -eq [uri]$null; $null -eq [regex]$null; $null -eq [type]$null",
     [True, True, True, True]),
    # -is on arrays goes by the array's element type ((1, 2) is object[]; string[] is also object[]; int[] is not)
    ("(1, 2, 3) -is [int[]]; [int[]](1, 2) -is [int[]]; [int[]](1, 2) -is [object[]]; [string[]]('a') -is [object[]]; "
     "(1, 2) -is [object[]]; (1, 2) -is [array]; [System.Collections.Generic.List[int]]::new() -is [array]; "
     "[int[,]]::new(1, 1) -is [int[,]]; [int[,]]::new(1, 1) -is [int[]]",
     [False, True, False, True, True, True, False, True, False]),
    # double.Parse's special values; a type named by a string on the right of -as/-is (about_Type_Operators)
    ("[double]'Infinity'; [double]'-Infinity'; [string][double]'NaN'", [float("inf"), float("-inf"), "NaN"]),
    ("$a = '[DateTime]'; ('12/31/07' -as $a).Year; 5 -is '[int]'; 1 -is 'int'", [2007, True, True]),
    ("$null -eq ([pscustomobject]@{a = 1} -as [hashtable])", [True]),
    # SortedDictionary / SortedSet / KeyValuePair
    ("$s = [System.Collections.Generic.SortedDictionary[string,int]]::new(); $s['b'] = 2; $s['a'] = 1; $s.Keys -join ','; "
     "$ss = [System.Collections.Generic.SortedSet[int]]::new(); $null = $ss.Add(3); $null = $ss.Add(1); $ss.Add(1); "
     "$ss -join ','; $ss.Min; $ss.Max", ["a,b", False, "1,3", 1, 3]),
    ("$kv = [System.Collections.Generic.KeyValuePair[string,int]]::new('a', '1'); $kv.Key; $kv.Value.GetType().Name; "
     "\"$kv\"", ["a", "Int32", "[a, 1]"]),
    # parameterless constructors of value types, sized arrays, host Coordinates (New-Object.Tests.ps1)
    ("$r = New-Object -TypeName int[] -Arg 10; $r.Count; $r[0].GetType().Name; $c = New-Object -TypeName char; "
     "[char]$c -eq [char]0; [int]::new(); [int[]]::new(3) -join ','; [datetime]::new().Year",
     [10, "Int32", True, 0, "0,0,0", 1]),
    ("$co = New-Object System.Management.Automation.Host.Coordinates -ArgumentList 1, 2; $co.X; $co.Y; \"$co\"; "
     "(New-Object System.Management.Automation.Host.Coordinates).X; "
     "[System.Management.Automation.Platform]::IsWindowsDesktop; [System.Management.Automation.Platform]::IsCoreCLR",
     [1, 2, "1,2", 0, False, True]),
    # [object]:: statics; a cmdlet class as an object (Sort-Object.Tests.ps1)
    ("$a = 1, 2; $b = $a; [object]::ReferenceEquals($a, $b); [object]::ReferenceEquals($a, @(1, 2)); "
     "[object]::ReferenceEquals($null, $null); [object]::Equals(1, 1); [object]::Equals('a', 'A')",
     [True, False, True, True, False]),
    ("$n = New-Object microsoft.powershell.commands.newobjectcommand; $null -eq $n.TypeName; $n.TypeName = 'x'; "
     "$n.TypeName; $n.GetType().FullName", [True, "x", "Microsoft.PowerShell.Commands.NewObjectCommand"]),
    # ConcurrentDictionary (ForEach-Object -Parallel example)
    ("$d = [System.Collections.Concurrent.ConcurrentDictionary[string,object]]::new(); $d.TryAdd('a', 1); "
     "$d.TryAdd('a', 2); $d['a']; $d.GetType().Name; $v = $null; $d.TryRemove('a', [ref]$v); $v; $d.Count",
     [True, False, 1, "ConcurrentDictionary`2", True, 1, 0]),
    # TimeSpan format strings (standard c/g/G and custom with escaped literals)
    ("'{0:hh\\:mm}' -f (New-TimeSpan -Hours 3 -Minutes 5); (New-TimeSpan -Minutes 5).ToString('mm\\:ss'); "
     "(New-TimeSpan -Days 1 -Hours 2).ToString('g'); (New-TimeSpan -Days 1 -Hours 2).ToString('G'); "
     "'{0:c}' -f (New-TimeSpan -Hours 1); (New-TimeSpan -Seconds 75).ToString(\"m'm 's's'\")",
     ["03:05", "05:00", "1:2:00:00", "1:02:00:00.0000000", "01:00:00", "1m 15s"]),
    # en-US number formats: no blank before %, a minus sign (not parentheses) for negative currency
    ("(0.5).ToString('P0'); '{0:P}' -f 0.1; '{0:C}' -f -1.5; '{0:C}' -f 12.5", ["50%", "10.00%", "-$1.50", "$12.50"]),
    # [Environment]::SetEnvironmentVariable with '' removes; Base64 round trip gives byte[]
    ("[Environment]::SetEnvironmentVariable('PYSHELL_T_EV1', 'x'); $env:PYSHELL_T_EV1; "
     "[Environment]::SetEnvironmentVariable('PYSHELL_T_EV1', ''); $null -eq [Environment]::GetEnvironmentVariable('PYSHELL_T_EV1')",
     ["x", True]),
    ("$b = [Convert]::FromBase64String('aGk='); $b.GetType().Name; [Text.Encoding]::UTF8.GetString($b); "
     "[Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes('dir'))", ["Byte[]", "hi", "ZABpAHIA"]),
    # [Math] overloads keep .NET's result types; the rest of the common functions
    ("[math]::Max(1, 2.5).GetType().Name; [math]::Min([long]1, 2).GetType().Name; [math]::Max(1, 2).GetType().Name; "
     "[math]::Floor(2.7d).GetType().Name; [math]::Floor(2.7).GetType().Name; [math]::Abs(-5).GetType().Name",
     ["Double", "Int64", "Int32", "Decimal", "Double", "Int32"]),
    ("[math]::Tan(0); [math]::Atan2(1, 1); [math]::Clamp(5, 1, 3); [math]::Log2(8); [math]::Cbrt(27); [string][math]::Sqrt(-1); "
     "[string][math]::Log(0); [math]::Truncate(-2.7); [math]::Log(100, 10)",
     [0.0, 0.7853981633974483, 3, 3.0, 3.0, "NaN", "-Infinity", -2.0, 2.0]),
    ("[double]::Epsilon -gt 0; [double]::IsInfinity([double]::PositiveInfinity); [double]::IsNaN([double]::NaN); "
     "[string][decimal]::Round(2.345, 2); [decimal]::Floor(2.7).GetType().Name; [string][decimal]::Add(1.1, 2.2)",
     [True, True, True, "2.34", "Decimal", "3.3"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_types_triage(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERRORS = [
    ("[int]::Parse('x')",
     'Exception calling "Parse" with "1" argument(s): "The input string \'x\' was not in a correct format."',
     "FormatException"),
    ("[int]::Parse('99999999999')",
     'Exception calling "Parse" with "1" argument(s): "Value was either too large or too small for an Int32."',
     "OverflowException"),
    ("[bool]::Parse('Not True')",
     'Exception calling "Parse" with "1" argument(s): "String \'Not True\' was not recognized as a valid Boolean."',
     "FormatException"),
    ("[type]'nosuch'", 'Cannot convert the "nosuch" value of type "System.String" to type "System.Type".',
     "InvalidCastFromStringToType"),
    ("[array]::Reverse($null)", 'Exception calling "Reverse" with "1" argument(s): "Value cannot be null. '
                                '(Parameter \'array\')"', "ArgumentNullException"),
    ("$a = 1, 2; $a.SetValue(1, 5)", 'Exception calling "SetValue" with "2" argument(s): "Index was outside the bounds '
                                     'of the array."', "IndexOutOfRangeException"),
    ("$d = @(0); [array]::Copy((1, 2), $d, 2)", 'Exception calling "Copy" with "3" argument(s): "Destination array was '
     'not long enough. Check the destination index, length, and the array\'s lower bounds. (Parameter '
     '\'destinationArray\')"', "ArgumentException"),
    ("[version]'1'", 'Cannot convert value "1" to type "System.Version". Error: "Version string portion was too short '
                     'or too long. (Parameter \'input\')"', "InvalidCastParseTargetInvocation"),
    ("[version]::new(1, -1)", 'Exception calling ".ctor" with "2" argument(s): "Version\'s parameters must be greater '
                              'than or equal to zero. (Parameter \'minor\')"', "ArgumentOutOfRangeException"),
    ("[System.IO.FileInfo]::new('')", 'Exception calling ".ctor" with "1" argument(s): "The path is empty. '
                                      '(Parameter \'path\')"', "ArgumentException"),
    ("$d = [Collections.Generic.Dictionary[string,int]]::new(); $d.Item('nosuchkey')",
     'Exception getting "Item": "The given key \'nosuchkey\' was not present in the dictionary."', "KeyNotFoundException"),
    ("[Math]::Round(1.5, 16)", 'Exception calling "Round" with "2" argument(s): "Rounding digits must be between 0 and '
                               '15, inclusive. (Parameter \'digits\')"', "ArgumentOutOfRangeException"),
    ("[datetime]'12/25/2021 13:00 PM'", 'Cannot convert value "12/25/2021 13:00 PM" to type "System.DateTime". Error: '
     '"String \'12/25/2021 13:00 PM\' was not recognized as a valid DateTime."', "InvalidCastParseTargetInvocation"),
    ("[timespan]'x'", 'Cannot convert value "x" to type "System.TimeSpan". Error: "String \'x\' was not recognized '
                      'as a valid TimeSpan."', "InvalidCastParseTargetInvocation"),
    ("[Text.Encoding]::GetEncoding('nope')", 'Exception calling "GetEncoding" with "1" argument(s): "\'nope\' is not a '
     'supported encoding name. For information on defining a custom encoding, see the documentation for the '
     'Encoding.RegisterProvider method. (Parameter \'name\')"', "ArgumentException"),
    ("[uri]::new('')", 'Exception calling ".ctor" with "1" argument(s): "Invalid URI: The URI is empty."',
     "UriFormatException"),
    ("[semver]'x'", 'Cannot convert value "x" to type "System.Management.Automation.SemanticVersion". Error: "The given '
                    'value \'x\' is not a valid semantic version string."', "InvalidCastParseTargetInvocation"),
    ("$r = [int[,]]::new(2, 2); $r[2, 0] = 1", "Index was outside the bounds of the array.",
     "System.IndexOutOfRangeException"),
    ("(New-TimeSpan -Minutes 5).ToString('hh:mm')",
     'Exception calling "ToString" with "1" argument(s): "Input string was not in a correct format."', "FormatException"),
    ("'{0:hh:mm}' -f (New-TimeSpan -Hours 3)", "Error formatting a string: Input string was not in a correct format..",
     "FormatError"),
    ("[Convert]::FromBase64String('!!')", 'Exception calling "FromBase64String" with "1" argument(s): "The input is not '
     'a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal '
     'character among the padding characters."', "FormatException"),
    ("[math]::Abs([int]::MinValue)", 'Exception calling "Abs" with "1" argument(s): "Negating the minimum value of a '
                                     'twos complement number is invalid."', "OverflowException"),
    ("[math]::Clamp(1, 5, 3)", 'Exception calling "Clamp" with "3" argument(s): "\'5\' cannot be greater than 3."',
     "ArgumentException"),
    ("[hashtable][pscustomobject]@{a = 1}", 'Cannot convert the "@{a=1}" value of type '
     '"System.Management.Automation.PSCustomObject" to type "System.Collections.Hashtable".',
     "ConvertToFinalInvalidCastException"),
    ("$r = [ref]$nosuch", "[ref] cannot be applied to a variable that does not exist.", "NonExistingVariableReference"),
    ("function f([ref]$x) { $x.Value = 2 }; f 5", "Cannot process argument transformation on parameter 'x'. Reference "
     "type is expected in argument.", "ParameterArgumentTransformationError,f"),
    ("$r = [int[,]]::new(2, 2); $r[1]", "You cannot index into a 2 dimensional array with index [1].",
     "NeedMultidimensionalIndex"),
    ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l.Add('x')",
     'Cannot convert argument "item", with value: "x", for "Add" to type "System.Int32": "Cannot convert value "x" to '
     'type "System.Int32". Error: "The input string \'x\' was not in a correct format.""',
     "MethodArgumentConversionInvalidCastArgument"),
    ("[math]::Max(1)", 'Cannot find an overload for "Max" and the argument count: "1".', "MethodCountCouldNotFindBest"),
    ("[datetime]::new(2020, 13, 1)", 'Exception calling ".ctor" with "3" argument(s): "Year, Month, and Day parameters '
     'describe an un-representable DateTime."', "ArgumentOutOfRangeException"),
    ("[Predicate[int]]5", 'Cannot convert the "5" value of type "System.Int32" to type "System.Predicate`1[System.Int32]".',
     "ConvertToFinalInvalidCastException"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERRORS)
def test_types_triage_errors(rs: Runspace, src: str, message: str, error_id: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, error_id]


def test_type_table_display() -> None:
    """(22,5).GetType() shows pwsh's RuntimeType table with IsPublic, IsSerial and BaseType filled in."""
    from pyshell.formatting import OutDefault

    load_builtins()
    rs = Runspace(CollectingHost())
    value = rs.run("(22, 5).GetType()")[0]
    out = OutDefault(120)
    text = out.feed(value) + out.finish()
    assert "True     True     Object[]" in text
    assert text.rstrip().endswith("System.Array")


def test_version_table_display() -> None:
    """[version] shows the left-aligned Major/Minor/Build/Revision table of DotNetTypes.format.ps1xml."""
    from pyshell.formatting import OutDefault

    load_builtins()
    rs = Runspace(CollectingHost())
    out = OutDefault(120)
    text = out.feed(rs.run("[version]'1.2.3'")[0]) + out.finish()
    assert text.strip("\n").splitlines() == ["Major  Minor  Build  Revision", "-----  -----  -----  --------",
                                            "1      2      3      -1"]
