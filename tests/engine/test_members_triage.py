"""Conformance fixes from the Pester/docs triage ([strict/variables/members/pipeline/exceptions]).

Expected values are what PowerShell 7 gives (about_Arrays, about_Intrinsic_Members, about_Member-Access_Enumeration,
about_Automatic_Variables, ForEach-Object and Write-Host pages, and PowerShell's Pester files).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    # ValueFromRemainingArguments collects the leftover positional values (W1)
    ("function f { param([Parameter(ValueFromRemainingArguments)]$Rest) $Rest.Count }; f a b c", [3]),
    ("function f { param([Parameter(ValueFromRemainingArguments)]$Rest) $Rest.Count }; f 1,2", [2]),
    ("function f { param($First, [Parameter(ValueFromRemainingArguments)]$Rest) \"$First|$($Rest -join ',')\" }; "
     "f a b c", ["a|b,c"]),
    ("(Write-Output 1 2 3).Count", [3]),
    ("'a.b','c.d' | foreach Split '.'", ["a", "b", "c", "d"]),
    ("1..2 | ForEach-Object -Begin $null -Process { 'one' }, { 'two' } -End $null", ["one", "two", "one", "two"]),
    ("1..2 | ForEach-Object { 'b' } { 'p' } { 'e' }", ["b", "p", "p", "e"]),
    # intrinsic .ForEach() / .Where() and their overloads (A1)
    ("(0..9).Where({ $_ % 2 }) -join ','", ["1,3,5,7,9"]),
    ("('a','b').ForEach('ToUpper')", ["A", "B"]),
    ("('1/1/2017').ForEach([datetime]).Year", [2017]),
    ("'abc'.ForEach({ $_ + '!' })", ["abc!"]),
    ("(5).Where({ $_ -gt 1 })", [5]),
    ("(1..6).Where({ $_ -gt 1 }, 'Default', 2)", [2, 3]),
    ("(1..6).Where({ $_ -gt 1 }, 'SkipUntil', 2)", [2, 3]),
    ("(1..6).Where({ $_ -gt 3 }, 'Until')", [1, 2, 3]),
    ("(1..6).Where({ $_ -gt 3 }, 'Last', 2)", [5, 6]),
    ("(1..6).Where({ $_ -gt 3 }, 'First')", [4]),
    ("$s = (1..6).Where({ $_ % 2 }, 'Split'); $s[0] -join ','; $s[1] -join ','", ["1,3,5", "2,4,6"]),
    ("$o = [pscustomobject]@{a=1}, [pscustomobject]@{a=2}; $o.ForEach('a')", [1, 2]),
    ("$o = [pscustomobject]@{a=1}, [pscustomobject]@{a=2}; $o.ForEach('a', 5); $o.a", [5, 5]),
    ("(1, 2, 3).ForEach({ $_ * $args[0] }, 10)", [10, 20, 30]),
    ("(1..3).ForEach('ToString', 'x2')", ["01", "02", "03"]),
    # member-access enumeration of methods (M1)
    ("('a','b').ToUpper()", ["A", "B"]),
    ("$a = @(, ('bar','baz'), 'foo'); $a.ToUpper()", ["BAR", "BAZ", "FOO"]),
    ("try { @('a', 1, 'c').ToUpper() } catch { $_.Exception.Message }",
     ["Method invocation failed because [System.Int32] does not contain a method named 'ToUpper'."]),
    # Where-Object -Is/-IsNot $null (Pester Core/Where-Object)
    ("$d = [pscustomobject]@{P=$null}, [pscustomobject]@{P=[NullString]::Value}, [pscustomobject]@{P=[DBNull]::Value},"
     " [pscustomobject]@{P=@()}, [pscustomobject]@{P=@($null)}, [pscustomobject]@{P=1};"
     " ($d | Where-Object P -Is $null).Count; ($d | Where-Object P -Is -Value:$null).Count;"
     " ($d | Where-Object P -IsNot -Value $null).Count", [3, 3, 3]),
    ("$o = [pscustomobject]@{ N = $null }; $o | Where-Object N -Is $($null) -ErrorAction SilentlyContinue "
     "-ErrorVariable e; $e.FullyQualifiedErrorId", ["OperatorFailed,Microsoft.PowerShell.Commands.WhereObjectCommand"]),
    # ?? and ??= treat DBNull and NullString as null (Pester Operators/NullConditional)
    ("$x = [DBNull]::Value; $x ?? 200", [200]),
    ("$x = [NullString]::Value; $x ?? 200", [200]),
    ("[System.DBNull]::Value ?? 2", [2]),
    ("$x = [DBNull]::Value; $x ??= 200; $x", [200]),
    ("$x = 0; $x ?? 200", [0]),
    # splatting: @args passes -Name tokens on as parameter names; an explicit parameter beats a splatted one
    ("function f { Get-Date @args }; f -Year 2000 -Month 1 -Day 1 -Format yyyy", ["2000"]),
    ("function f { param($Name, $Loc) \"$Name in $Loc\" }; $c = @{Loc='East US'}; f @c -Name vm2 -Loc 'West US'",
     ["vm2 in West US"]),
    ("function f { param($Name, $Loc) \"$Name in $Loc\" }; $c = @{Loc='East US'}; f -Loc 'West US' @c -Name vm2",
     ["vm2 in West US"]),
    ("function g { $args[0] -eq '-x'; $args.Count }; g -x 1", [True, 2]),
    # $throw / statement errors under $ErrorActionPreference SilentlyContinue
    ("$ErrorActionPreference = 'SilentlyContinue'; throw 'suppressed'; 'continued'; $Error.Count", ["continued", 1]),
    ("$ErrorActionPreference = 'SilentlyContinue'; try { throw 'x' } catch { 'caught' }", ["caught"]),
    ("function f { [CmdletBinding()] param() throw 'boom'; 'after' }; f -ErrorAction SilentlyContinue; 'next'",
     ["after", "next"]),
    # trap: the most specific typed trap wins
    ("trap { 'other' ; continue }; trap [System.Management.Automation.CommandNotFoundException] { 'cnf'; continue };"
     " nonsenseString", ["cnf"]),
    ("trap [System.Exception] { 'exception'; continue }; trap [System.ArithmeticException] { 'arith'; continue };"
     " 1/0", ["arith"]),
    # $input: an enumerator that string expansion enumerates; used up after the process block
    ("function g { begin { \"Begin: [$input]\" } end { \"End: [$input]\" } }; 1,2,4 | g",
     ["Begin: []", "End: [1 2 4]"]),
    ("function f { process { } end { @($input).Count } }; 1,2 | f", [0]),
    ("function f { [CmdletBinding()] param() end { Write-Output -NoEnumerate $input } }; "
     "(f) -is [System.Collections.IEnumerator]", [True]),
    # $foreach.Reset() over an array starts the loop over
    ("$stop = 0; foreach ($n in 'one','two','three') { $n; if ($n -eq 'two' -and $stop -lt 1) { $stop++; "
     "$foreach.Reset() } }", ["one", "two", "one", "two", "three"]),
    # compound assignment reads the current scope only (about_Assignment_Operators)
    ("$x = 1; & { $x += 1; $x }; & { $x = $x + 1; $x }; $x", [1, 2, 1]),
    ("$s = 0; 1..3 | ForEach-Object { $s += $_ }; $s", [6]),
    # a type-constrained variable refuses a value as a MetadataError
    ("[int]$a = 3; try { $a = 'string' } catch { $_.CategoryInfo.Category; $_.Exception.GetType().Name }; $a",
     ["MetadataError", "ArgumentTransformationMetadataException", 3]),
    # OrderedDictionary Item(int), .psbase, a hashtable's .NET properties
    ("$d = [ordered]@{a='x'; b='y'}; $d[1]; $d['a']", ["y", "x"]),
    ("$h = @{keys='mine'; a=1}; $h.psbase.Keys.Count; $h.Keys; $h.psbase.ContainsKey('a')", [2, "mine", True]),
    ("(@{Age=33}.psobject.Properties).Name -join ','", ["IsReadOnly,IsFixedSize,IsSynchronized,Keys,Values,SyncRoot,Count"]),
    # an array's enumerator: MoveNext/Current, and member enumeration over it
    ("$c = @([pscustomobject]@{Length='foo'}, [pscustomobject]@{Length='bar'}); $c.GetEnumerator().Length",
     ["foo", "bar"]),
    ("$e = (1,2,3).GetEnumerator(); $e.MoveNext(); $e.Current", [True, 1]),
    # -OutVariable is an ArrayList (+name appends); -PipelineVariable holds what the command passed on
    ("Write-Output 5 -OutVariable out | Out-Null; Write-Output 6 -OutVariable +out | Out-Null; "
     "$out.GetType().Name; $out -join ','", ["ArrayList", "5,6"]),
    ("$t = 8; 1..3 | ForEach-Object -PipelineVariable t { $_ * 10 } | ForEach-Object { \"$t/$_\" }; \"[$t]\"",
     ["10/10", "20/20", "30/30", "[]"]),
    # $_.ScriptStackTrace names where the error was raised
    ("try { NonsenseString } catch { $_.ScriptStackTrace }", ["at <ScriptBlock>, <No file>: line 1"]),
    # Add-Member ScriptProperty / ScriptMethod / AliasProperty (about_Member-Access_Enumeration, Add-Member)
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.a * 2 };"
     " $o.Double; $o.a = 5; $o.Double; $o | ConvertTo-Json -Compress", [2, 10, '{"a":5,"Double":10}']),
    ("'b' | Add-Member -MemberType ScriptProperty -Name Cap -Value { $this.ToUpper() } -PassThru | ForEach-Object Cap",
     ["B"]),
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptMethod Plus { param($n) $this.a + $n }; $o.Plus(10)", [11]),
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member AliasProperty A2 a; $o.A2; $o.A2 = 4; $o.a", [1, 4]),
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptProperty Rw { $this.a } { $this.a = $args[0] }; $o.Rw = 9;"
     " $o.a", [9]),
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptProperty D { 1 }; try { $o.D = 2 } catch "
     "{ $_.Exception.Message }", ['Set accessor for property "D" is unavailable.']),
    # binder: `--` ends parameter names; a script's unknown -name joins its remaining arguments
    ("function g { $args -join ',' }; g 4 -- foo -bar", ["4,foo,-bar"]),
    ("Write-Output -- -InputObject", ["-InputObject"]),
    ("function f { param($a) \"a=$a args=$args\" }; f -- -x", ["a=-x args="]),
    ("function f { param([Parameter(Position=1)]$a, [Parameter(ValueFromRemainingArguments)]$r) $r -join ',' };"
     " f a b -q d", ["b,-q,d"]),
    # a lone scalar splatted binds positionally to the parameter of its own type (Pester Scripting/Splatting)
    ("function t { [CmdletBinding(DefaultParameterSetName='D')] param([Parameter(Position=0, ParameterSetName='S')]"
     "[string]$Value, [Parameter(Position=0, ParameterSetName='I')][int]$Value2) $PSCmdlet.ParameterSetName };"
     " $x = 42; t @x; t 'a'", ["I", "S"]),
    # evaluator: a parenthesised typed assignment is the converted value; return inside $( ) keeps its output
    ("([bool]$v = 42).GetType().Name", ["Boolean"]),
    ("function f { $('1'; return '2') }; (f) -join ','", ["1,2"]),
    # an empty $() pipes one $null; indexing an array with $null fails
    ("$() | & { $c = 0; foreach ($i in $input) { $c++ }; $c }", [1]),
    ("$a = 1, 2; try { $a[$null] } catch { $_.FullyQualifiedErrorId }", ["NullArrayIndex"]),
    # operators take the items of an enumerator ($input)
    ("function f { $input -replace 'a', 'b' }; 'a', 'ca' | f", ["b", "cb"]),
    ("function g { $input -join '+' }; 1, 2 | g", ["1+2"]),
    # a parameter named $Input hides the automatic variable; WriteError fails the pipeline for &&
    ("function T { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$Input) process { if ($Input -ne 2) "
     "{ return $Input }; $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('two'),"
     " 'x', 'NotSpecified', $null)) } }; 1, 2, 3 | T 2>$null && 'All done!'", [1, 3]),
    ("Get-Item /nonexistent-k, / 2>$null | ForEach-Object { 'item' }; $?", ["item", False]),
    # List[T] has no Length: member enumeration reads each element's
    ("[System.Collections.Generic.List[string]]$c = 'a', 'bb'; $c.Length; $c.Count; (1, 2).Length", [1, 2, 2, 2]),
    # Write-Error in a function: the id names the function
    ("function f { Write-Error 'boom' }; f 2>$null; $Error[0].FullyQualifiedErrorId",
     ["Microsoft.PowerShell.Commands.WriteErrorException,f"]),
    # -ErrorVariable script:x from an advanced function called in another one
    ("function foo { [CmdletBinding()] param() Write-Error 'foo-error' }; function bar { [CmdletBinding()] param() "
     "Write-Error 'bar-error'; foo -ErrorVariable script:fe }; bar -ErrorVariable script:be 2>$null; "
     "($be | ForEach-Object { \"$_\" }) -join ','; \"$fe\"", ["bar-error,foo-error", "foo-error"]),
    # [switch] parameters of functions are SwitchParameter values
    ("function f([switch]$s) { $s.IsPresent; $s.ToBool(); $s.GetType().Name; \"$s\"; [bool]($s -eq $true) }; f -s",
     [True, True, "SwitchParameter", "True", True]),
    ("function f([switch]$s) { if ($s) { 'yes' } else { 'no' }; $s.IsPresent }; f; f -s:$false", ["no", False, "no", False]),
    ("function g { [CmdletBinding()] param([switch]$Force) \"$Force\" }; function h([switch]$f) { g -Force:$f }; h -f",
     ["True"]),
    # [bool] parameters of advanced functions refuse strings; simple functions convert them (Pester ParameterBinding)
    ("function f { [CmdletBinding()] param([bool[]]$p) $p }; try { f 'a', 'b' } catch { $_.FullyQualifiedErrorId }",
     ["ParameterArgumentTransformationError,f"]),
    ("function f { param([bool[]]$p) $p }; f 'a', 'b'", [True, True]),
    ("function f { [CmdletBinding()] param([bool]$p) $p }; f 0; f -p $true", [False, True]),
    # ValidatePattern's ErrorMessage: {0} the value, {1} the pattern
    ("function f { [CmdletBinding()] param([ValidatePattern('\\s+', ErrorMessage = \"Item '{0}' failed '{1}' regex\")]"
     " $p) }; try { f -p 2 } catch { $_.Exception.Message }",
     ["Cannot validate argument on parameter 'p'. Item '2' failed '\\s+' regex"]),
    # a parameter prefix that matches one own parameter and some common ones is the own one
    ("function f { [CmdletBinding()] param($InputObject) \"got $InputObject\" }; f -i 5", ["got 5"]),
    # Write-Host colors are [ConsoleColor]: a bad value fails the enum conversion
    ("try { Write-Host x -ForegroundColor 16 } catch { $_.FullyQualifiedErrorId }",
     ["CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand"]),
    # psobject.Properties.Remove / Add change the object
    ("$o = [pscustomobject]@{a=1; b=2}; $o.psobject.Properties.Remove('a'); \"[$($o.a)]\"; "
     "$o.psobject.Properties.Add([pscustomobject]@{Name='c'; Value=3}); $o.c", ["[]", 3]),
    # Write-Error: -Exception with -Message/-ErrorId is one parameter set; -Activity/-Reason aliases
    ("$e = Write-Error -Exception ([ArgumentNullException]::new('p')) -Message m -ErrorId id 2>&1; "
     "$e.FullyQualifiedErrorId; $e.CategoryInfo.GetMessage(); \"$e\"; $e.Exception.GetType().Name",
     ["id", "NotSpecified: (:) [Write-Error], ArgumentNullException", "m", "ArgumentNullException"]),
    ("Write-Error -Message x -Activity act -Reason rsn 2>&1 | ForEach-Object { $_.CategoryInfo.GetMessage() }",
     ["NotSpecified: (:) [act], rsn"]),
    # [string[]] parameters keep $null elements
    ("function f([string[]]$p) { $null -eq $p[0]; $p.GetType().Name }; f $null, $null; f 1, 2",
     [True, "String[]", False, "String[]"]),
    # adding hashtables with the same key: an ArgumentException, OperationStopped
    ("try { @{c=1} + @{c=2} } catch { $_.CategoryInfo.Category; $_.Exception.Message }",
     ["OperationStopped", "Item has already been added. Key in dictionary: 'c'  Key being added: 'c'"]),
    ("try { @().Foo() } catch { $_.Exception.Message }",
     ["Method invocation failed because [System.Object[]] does not contain a method named 'Foo'."]),
    # `-is $null` tests for null (Pester Where-Object)
    ("$null -is $null; 1 -is $null; [DBNull]::Value -is $null; 1 -isnot $null", [True, False, True, True]),
    # Add-Member script members on a .NET object; AliasProperty with a type; argument errors (Pester Add-Member)
    ("Set-Alias SPT dir; $al = Get-Alias SPT; $al.Description = 'd1'; $al | Add-Member -MemberType ScriptProperty "
     "-Name ND -Value { $this.Description } -SecondValue { $this.Description = $args[0] }; $al.ND; $al.ND = 'd2'; "
     "$al.Description; $al | Add-Member ScriptMethod Hi { 'hi ' + $this.Name }; $al.Hi()", ["d1", "d2", "hi SPT"]),
    ("$r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length -SecondValue String -PassThru;"
     " $r.Cnt.GetType().Name; $r.Cnt", ["String", "1"]),
    ("try { Add-Member -MemberType ScriptProperty -Name P -Value $null -SecondValue $null -InputObject a } catch "
     "{ $_.FullyQualifiedErrorId }", ["Value1AndValue2AreNotBothNull,Microsoft.PowerShell.Commands.AddMemberCommand"]),
    ("try { Add-Member -InputObject a -MemberType AliasProperty -Name N -Value x -SecondValue noSuchTypeK } catch "
     "{ $_.FullyQualifiedErrorId }", ["InvalidCastFromStringToType,Microsoft.PowerShell.Commands.AddMemberCommand"]),
    # Write-Error: -RecommendedAction goes to ErrorDetails; -Category is an ErrorCategory (Pester Write-Error)
    ("$e = Write-Error -Message m -Exception ([ArgumentNullException]::new('p')) -RecommendedAction rec "
     "-Category syntaxerror -CategoryTargetName tn -CategoryTargetType tt 2>&1; $e.ErrorDetails.Message; "
     "$e.ErrorDetails.RecommendedAction; $e.CategoryInfo.GetMessage()",
     ["m", "rec", "SyntaxError: (tn:tt) [Write-Error], ArgumentNullException"]),
    # intrinsic members of a collection are its own, not enumerated
    ("$a = @(1, 2, 3); $a.psbase.Length; $a.psobject.TypeNames[0]", [3, "System.Object[]"]),
    # a caught exception thrown in an advanced function reaches its -ErrorVariable (Pester OutErrorVariable)
    ("function f4 { [CmdletBinding()] param() Write-Error 'foo-error'; try { throw 'foo-exception' } catch {} }; "
     "f4 -ErrorVariable err 2>$null; ($err | ForEach-Object { \"$_\" }) -join ','", ["foo-error,foo-exception"]),
    # inside a function, only the last command of a pipeline feeds the function's -ErrorVariable
    ("function f6 { [CmdletBinding()] param([Parameter(ValueFromPipeline)][string]$i) Write-Error 'foo-error'; $i };"
     " function b4 { [CmdletBinding()] param() Write-Error 'bar-error'; f6 'x' -ErrorVariable script:e1 | "
     "f6 -ErrorVariable script:e2 }; b4 -ErrorVariable script:be 2>&1 > $null; "
     "($be | ForEach-Object { \"$_\" }) -join ','; \"$e1|$e2\"", ["bar-error,foo-error", "foo-error|foo-error"]),
    # $Error is a live ArrayList
    ("$Error.GetType().FullName; $Error.Insert(0, [Exception]::new('x')); $Error[0].Message; $Error.Count; "
     "$Error.RemoveAt(0); $Error.Count; try { throw 'y' } catch {}; $Error.Clear(); $Error.Count",
     ["System.Collections.ArrayList", "x", 1, 0, 0]),
    # member enumeration: a [pscustomobject] lacking the property gives $null (about_Member-Access_Enumeration)
    ("$foo = [pscustomobject]@{Foo='Foo'}; $bar = [pscustomobject]@{Bar='Bar'}; ConvertTo-Json ($foo, $bar).Foo "
     "-Compress", ['["Foo",null]']),
    ("$null -eq @(1, 'a').Nope", [True]),
    # .Where()/.ForEach() return a Collection<PSObject>
    ("$r = (1, 2, 3).Where({ $_ -gt 1 }); $r.GetType().Name; $r.Count; ($r + 4) -join ','",
     ["Collection`1", 2, "2,3,4"]),
    # .psextended / .psadapted (about_Intrinsic_Members)
    ("$x = [pscustomobject]@{a=1}; $x.psextended.a; $x.psextended.GetType().Name; "
     "('abc' | Add-Member -NotePropertyName n -NotePropertyValue 5 -PassThru).psadapted.Length", [1, "PSMemberSet", 3]),
    # List[T] has its own ForEach(Action[T]): nothing is returned (PowerShell issue #12607); ArrayList uses the intrinsic
    ("$l = [System.Collections.Generic.List[object]]::new(); $l.Add(1); $l.Add(2); $l.ForEach({ $_ }); "
     "$al = [System.Collections.ArrayList]::new(); $null = $al.Add(3); $al.ForEach({ $_ }); "
     "$seen = [System.Collections.ArrayList]::new(); $l.ForEach({ $null = $seen.Add($args[0]) }); $seen -join ','",
     [3, "1,2"]),
    # Get-Member lists Add-Member's script members as what they are
    ("$o = [pscustomobject]@{a=1}; $o | Add-Member ScriptProperty Double { $this.a * 2 }; "
     "$o | Add-Member AliasProperty A2 a; ($o | Get-Member -MemberType ScriptProperty).Definition; "
     "($o | Get-Member -MemberType AliasProperty).Definition",
     ["System.Object Double {get= $this.a * 2 ;}", "A2 = a"]),
    # an AllScope variable is the same variable in every scope
    ("New-Variable v 1 -Option AllScope; & { $v = 2 }; $v; function f { $v = 10 }; f; $v", [2, 10]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_members_triage(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_where_bad_mode_is_a_conversion_error(rs: Runspace) -> None:
    out = rs.run("try { (1..3).Where({ $_ }, 'bogus') } catch { $_.Exception.Message }")
    assert out[0].startswith('Cannot convert argument "mode", with value: "bogus", for "Where" to type '
                             '"System.Management.Automation.WhereOperatorSelectionMode"')


def test_exit_in_called_script_leaves_only_the_script(rs: Runspace, tmp_path: Path) -> None:
    script = tmp_path / "e.ps1"
    script.write_text("'a'; exit 3; 'b'")
    out = rs.run(f"& '{script}'; \"after: $LASTEXITCODE $?\"")
    assert out == ["a", "after: 3 False"]


def test_exit_in_dot_sourced_script_function(rs: Runspace, tmp_path: Path) -> None:
    script = tmp_path / "g.ps1"
    script.write_text("function g { exit 9 }\ng\n'no'")
    assert rs.run(f". '{script}'; \"after $LASTEXITCODE\"") == ["after 9"]


def test_stop_preference_for_verbose_shows_the_record_then_stops(rs: Runspace) -> None:
    out = rs.run("try { Write-Verbose -Message m -Verbose; $VerbosePreference = 'Stop'; "
                 "Write-Verbose -Message m2; 'not here' } catch { $_.Exception.Message }")
    assert out == ['The running command stopped because the preference variable "VerbosePreference" or common '
                   'parameter is set to Stop: m2']
    assert [str(getattr(v, "Message", v)) for v in rs.host.verbose] == ["m", "m2"]  # type: ignore[attr-defined]


def test_warning_stop_writes_the_warning_first(rs: Runspace) -> None:
    out = rs.run("try { Write-Warning -Message w -WarningAction Stop } catch { $_.Exception.Message }")
    assert out == ['The running command stopped because the preference variable "WarningPreference" or common '
                   'parameter is set to Stop: w']
    assert len(rs.host.warnings) == 1  # type: ignore[attr-defined]


def test_delay_bind_script_block_runs_per_input_object(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "c.log").write_text("x")
    out = rs.run(f"Set-Location '{tmp_path}'; Get-Item c.log | Rename-Item -NewName {{ 'old_' + $_.Name }}; "
                 "Test-Path old_c.log; Test-Path c.log")
    assert out == [True, False]


def test_delay_bind_without_input_is_an_error(rs: Runspace) -> None:
    out = rs.run("try { Rename-Item -NewName { $_.Name + '.old' } } catch { $_.Exception.Message; "
                 "$_.FullyQualifiedErrorId }")
    assert out == ["Cannot evaluate parameter 'NewName' because its argument is specified as a script block and "
                   "there is no input. A script block cannot be evaluated without input.",
                   "ScriptBlockArgumentNoInput,Microsoft.PowerShell.Commands.RenameItemCommand"]


def test_write_error_in_a_function_is_the_function_error(rs: Runspace) -> None:
    rs.run("function Test-WriteError { Write-Error 'Bad' }; Test-WriteError; Write-Error 'top'")
    assert [e.command for e in rs.host.errors] == ["Test-WriteError", "Write-Error"]  # type: ignore[attr-defined]


def test_call_operator_not_found_error_is_the_call_operator(rs: Runspace) -> None:
    rs.run("& '1+1'")
    assert [e.command for e in rs.host.errors] == ["&"]  # type: ignore[attr-defined]


def test_error_action_silently_continue_hides_statement_errors(rs: Runspace) -> None:
    assert rs.run("$ErrorActionPreference = 'SilentlyContinue'; 1/0; 'x'; $Error.Count") == ["x", 1]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_warning_redirected_to_a_file_is_its_message(rs: Runspace, tmp_path: Path) -> None:
    target = tmp_path / "w.txt"
    rs.run(f"Write-Warning 'Test Warning' 3>&1 > '{target}'")
    assert target.read_text().strip() == "Test Warning"


def test_break_in_a_trap_rethrows_as_parent_contains_error_record(rs: Runspace) -> None:
    assert rs.run("trap { 't'; break }; 1/0; 'no'") == ["t"]
    assert [e.CategoryInfo.Reason for e in rs.host.errors] == ["ParentContainsErrorRecordException"]  # type: ignore[attr-defined]


def test_delay_bind_for_an_advanced_function(rs: Runspace) -> None:
    out = rs.run("function f { param([Parameter(ValueFromPipelineByPropertyName)][string]$Name) process { \"n=$Name\" } };"
                 " [pscustomobject]@{Name='a'}, [pscustomobject]@{Name='b'} | f -Name { $_.Name + 'x' }")
    assert out == ["n=ax", "n=bx"]
