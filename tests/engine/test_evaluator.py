"""Evaluator: expressions, statements, scopes and pipelines, run through a real Runspace."""

from __future__ import annotations

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    return Runspace(CollectingHost())


CASES = [
    ("1+2*3", [7]),
    ("(1+2)*3", [9]),
    ("7 / 2", [3.5]),
    ("6 / 2", [3]),
    ("7 % 3", [1]),
    ('"hello $(1+1)"', ["hello 2"]),
    ("'single $x'", ["single $x"]),
    ('"a`tb"', ["a\tb"]),
    ("$x = 1..5 | % { $_ * 2 }; $x -join ','", ["2,4,6,8,10"]),
    ("$h = @{a=1; B=2}; $h.b; $h['A']", [2, 1]),
    ("function f($a, $b=10) { $a + $b }; f 1; f 1 2; f -b 5 -a 1", [11, 3, 6]),
    ("if (3 -gt 2) { 'yes' } else { 'no' }", ["yes"]),
    ("foreach ($i in 1..3) { if ($i -eq 2) { continue }; $i }", [1, 3]),
    ("$s = 0; for ($i=0; $i -lt 5; $i++) { $s += $i }; $s", [10]),
    ("try { throw 'boom' } catch { \"caught $_\" } finally { 'fin' }", ["caught boom", "fin"]),
    ("'abc'.ToUpper()", ["ABC"]),
    ("[int]'42' + 1", [43]),
    ("[int]2.5; [int]3.5", [2, 4]),
    ("1,2,3 | Where-Object { $_ -gt 1 }", [2, 3]),
    ("'a,b,c' -split ','", ["a", "b", "c"]),
    ("'hello' -replace 'l','L'", ["heLLo"]),
    ("'a1b2' -replace '(\\d)','<$1>'", ["a<1>b<2>"]),
    ("'{0:N2}' -f 3.14159", ["3.14"]),
    ("'{0,5}|{1,-3}|' -f 1,2", ["    1|2  |"]),
    ("$a = @(); $a.Count", [0]),
    ("@(1,2,3).Count", [3]),
    ("$p = [pscustomobject]@{Name='x'; Id=3}; $p.Name", ["x"]),
    ("switch (2) { 1 {'one'} 2 {'two'} default {'other'} }", ["two"]),
    ("switch -Wildcard ('abc') { 'a*' {'A'} '*c' {'C'} }", ["A", "C"]),
    ("$i=0; while ($true) { $i++; if ($i -ge 3) { break } }; $i", [3]),
    ("'abc' -match 'b(c)'; $Matches[1]", [True, "c"]),
    ("Write-Output 1 2 3", [1, 2, 3]),
    ("1..3 | ForEach-Object -Begin { $t = 0 } -Process { $t += $_ } -End { $t }", [6]),
    ("$x = 5; $x -is [int]", [True]),
    ("$null -eq $undefined", [True]),
    ("$a, $b = 1, 2; $b", [2]),
    ("function g { param([Parameter(ValueFromPipeline)]$x) process { $x * 10 } }; 1,2 | g", [10, 20]),
    ("'a' * 3", ["aaa"]),
    ("1 -eq '1'; '1' -eq 1; 'A' -eq 'a'; 'A' -ceq 'a'", [True, True, True, False]),
    ("$x = @{}; $x.k = 5; $x.k", [5]),
    ("& { param($n) \"n=$n\" } 7", ["n=7"]),
    ("filter dbl { $_ * 2 }; 1..3 | dbl", [2, 4, 6]),
    ("$true -and $false; $true -or $false; -not $true; !$false", [False, True, False, True]),
    ("@(1,2,3)[-1]", [3]),
    ("$x = 1..3; $x[0..1]", [1, 2]),
    ("'x' + 1; 1 + '2'", ["x1", 3]),
    ("$o = [ordered]@{b=1;a=2}; $o.Keys -join ''", ["ba"]),
    ("1..3 | % { if ($_ -eq 2) { return }; $_ }", [1, 3]),
    ("'Hello World'.Split(' ')[1]", ["World"]),
    ("$x = 10; $x--; $x", [9]),
    ('@"\nline1\n$(1+1)\n"@', ["line1\n2"]),
    ("@'\n$x\n'@", ["$x"]),
    ("do { $k++ } until ($k -ge 4); $k", [4]),
    ("0x10 + 1kb", [1040]),
    ("'ab' -like 'A*'; 'ab' -clike 'A*'", [True, False]),
    ("1,2,3 -contains 2; 2 -in 1,2,3; 4 -notin 1,2", [True, True, True]),
    ("1,2,3,4 -gt 2", [3, 4]),
    ("$x = 'a'; $x += 'b'; $x", ["ab"]),
    ("$global:g1 = 5; function f { $g1 }; f", [5]),
    ("$v = 1; function f { $v = 2 }; f; $v", [1]),
    ("$v = 1; function f { $script:v = 2 }; f; $v", [2]),
    ("function f { $args.Count }; f a b c", [3]),
    ("$s = { param($a) $a * 2 }; & $s 4; $s.Invoke(5)", [8, 10]),
    ("$list = 1..5; $list.Where({ $_ % 2 }).Count", [3]),
    ("(1..3).ForEach({ $_ + 1 })", [2, 3, 4]),
    ("$d = [datetime]'2026-01-02'; $d.Year; $d.AddDays(1).Day", [2026, 3]),
    ("[string]::IsNullOrEmpty(''); [math]::Max(3, 7)", [True, 7]),
    ("$x = $null; $x ?? 'dflt'" if False else "'x'", ["x"]),
    ("1 -and 0 -or 1", [True]),
    ("-join ('a','b'); 'a','b' -join '+'", ["ab", "a+b"]),
    ("$n = 3; \"n is $n and ${n}\"", ["n is 3 and 3"]),
    ("$h = @{a=1}; $h.ContainsKey('A'); $h.Count", [True, 1]),
    ("$e = $null; try { 1/0 } catch { $e = $_.Exception.Message }; $e", ["Attempted to divide by zero."]),
    ("try { [int]'abc' } catch [System.Management.Automation.PSInvalidCastException] { 'cast' }", ["cast"]),
    ("function f { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) \"hi $Name\" }; f -Name x",
     ["hi x"]),
    ("$splat = @{ Name = 'y' }; function f { param($Name) $Name }; f @splat", ["y"]),
    ("$a = 1,2; $b = ,$a; $b.Count", [1]),
    ("@(@(1,2)).Count", [2]),
    ("$x = 'abc'; $x.Length; $x[0]", [3, "a"]),
    ("5 | ForEach-Object ToString", ["5"]),
    ("[pscustomobject]@{A=1}, [pscustomobject]@{A=2} | ForEach-Object A", [1, 2]),
    ("Get-Variable -Name HOME -ValueOnly | ForEach-Object { $_ -ne $null }", [True]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_evaluates_like_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


def test_statement_terminating_error_does_not_stop_the_script(rs: Runspace) -> None:
    assert rs.run("[int]'abc'; 'after'") == ["after"]
    errors = rs.host.errors  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert 'Cannot convert value "abc" to type "System.Int32"' in errors[0].message


def test_throw_stops_the_script(rs: Runspace) -> None:
    assert rs.run("throw 'stop here'; 'after'") == []
    assert rs.host.errors[0].message == "stop here"  # type: ignore[attr-defined]


def test_command_not_found_is_an_error_record(rs: Runspace) -> None:
    assert rs.run("No-SuchCommand; 'next'") == ["next"]
    err = rs.host.errors[0]  # type: ignore[attr-defined]
    assert "The term 'No-SuchCommand' is not recognized" in err.message
    assert err.FullyQualifiedErrorId == "CommandNotFoundException"


def test_error_variable_and_erroraction(rs: Runspace) -> None:
    out = rs.run("Write-Error 'bad' -ErrorAction SilentlyContinue -ErrorVariable ev; $ev.Count; $Error.Count")
    assert out == [1, 1]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_erroraction_stop_is_catchable(rs: Runspace) -> None:
    assert rs.run("try { Write-Error 'bad' -ErrorAction Stop; 'not here' } catch { 'caught ' + $_ }") == ["caught bad"]


def test_redirect_error_into_output(rs: Runspace) -> None:
    out = rs.run("& { Write-Error 'e1'; 'o1' } 2>&1 | ForEach-Object { $_.GetType().Name }")
    assert out == ["ErrorRecord", "String"]


def test_dollar_question_reflects_failure(rs: Runspace) -> None:
    assert rs.run("Write-Error x -ErrorAction SilentlyContinue; $?") == [False]
    assert rs.run("1; $?") == [1, True]


def test_unknown_parameter_message(rs: Runspace) -> None:
    rs.run("Get-Date -Bogus 1")  # (Write-Output's ValueFromRemainingArguments parameter takes '-Bogus')
    assert rs.host.errors[0].message == "A parameter cannot be found that matches parameter name 'Bogus'."  # type: ignore[attr-defined]


def test_ambiguous_parameter_message(rs: Runspace) -> None:
    rs.run("function f { [CmdletBinding()] param($ComputerName, $Computer2) }; f -Comp x")
    assert "is ambiguous" in rs.host.errors[0].message  # type: ignore[attr-defined]


def test_missing_mandatory_parameter(rs: Runspace) -> None:
    rs.run("function f { param([Parameter(Mandatory)]$Name) }; f")
    assert rs.host.errors[0].message == (  # type: ignore[attr-defined]
        "Cannot process command because of one or more missing mandatory parameters: Name.")


def test_pipeline_streams_one_object_at_a_time(rs: Runspace) -> None:
    seen: list[str] = []
    rs.host.write_output = lambda o: seen.append(o)  # type: ignore[method-assign]
    rs.execute("1..3 | ForEach-Object { Write-Host \"a$_\"; $_ } | ForEach-Object { \"b$_\" }")
    infos = [r.MessageData for r in rs.host.information]  # type: ignore[attr-defined]
    assert infos == ["a1", "a2", "a3"]
    assert seen == ["b1", "b2", "b3"]


def test_native_command_lines_become_strings(rs: Runspace, tmp_path: object) -> None:
    assert rs.run("printf 'a\\nb\\n' | ForEach-Object { $_.ToUpper() }") == ["A", "B"]
    assert rs.run("sh -c 'exit 3'; $LASTEXITCODE") == [3]


def test_redirect_to_file_writes_whole_output(rs: Runspace, tmp_path: object) -> None:
    import pathlib

    target = pathlib.Path(str(tmp_path)) / "out.txt"
    rs.run(f"1..3 > '{target}'")
    assert target.read_text().split() == ["1", "2", "3"]
    rs.run(f"'four' >> '{target}'")
    assert target.read_text().split() == ["1", "2", "3", "four"]


def test_redirect_into_missing_directory_is_an_error(rs: Runspace, tmp_path: object) -> None:
    rs.run(f"'x' > '{tmp_path}/no/such/dir/f.txt'")
    assert "Could not find a part of the path" in rs.host.errors[0].message  # type: ignore[attr-defined]


def test_location_is_per_runspace(rs: Runspace, tmp_path: object) -> None:
    import os

    cwd = os.getcwd()
    rs.set_location(str(tmp_path))
    assert rs.run("(pwd).Path") == [str(tmp_path)] or rs.run("$PWD.Path") == [str(tmp_path)]
    assert os.getcwd() == cwd


def test_trap_continue_hides_the_error_and_goes_on(rs: Runspace) -> None:
    assert rs.run('trap { "trapped: $_"; continue }; 1; throw "x"; 2') == [1, "trapped: x", 2]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_trap_without_continue_reports_the_error(rs: Runspace) -> None:
    assert rs.run('function f { trap { "T" }; [int]"q"; "after" }; f') == ["T", "after"]
    assert len(rs.host.errors) == 1  # type: ignore[attr-defined]


def test_trap_break_rethrows(rs: Runspace) -> None:
    assert rs.run('function g { trap { "T"; break }; throw "boom"; "after" }; g; "next"') == ["T"]
    assert rs.host.errors[0].message == "boom"  # type: ignore[attr-defined]


def test_typed_trap_only_catches_its_type(rs: Runspace) -> None:
    out = rs.run('trap [System.Management.Automation.PSInvalidCastException] { "cast"; continue }; [int]"z"; "ok"')
    assert out == ["cast", "ok"]


def test_doubles_print_with_fifteen_digits(rs: Runspace) -> None:
    assert rs.run('"$(0.1 + 0.2)"; "$(1/3)"') == ["0.3", "0.333333333333333"]


@pytest.mark.parametrize(("src", "expected"), [
    ("1.5..3", [2, 3]),
    ("$x = 2.5..4; $x", [2, 3, 4]),
    ("'a'..'c'", ["a", "b", "c"]),
    ("foreach ($c in 'z'..'x') { $c }", ["z", "y", "x"]),
    ("('a'..'c' | ForEach-Object { $_ }) -join ''", ["abc"]),
])
def test_range_ends_convert_like_int_and_chars_make_char_ranges(rs: Runspace, src: str,
                                                                 expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_psobject_typenames_is_live(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{a=1}; $o.PSObject.TypeNames.Insert(0, 'My.Type'); "
                 "$o.PSObject.TypeNames[0]; ($o | Get-Member)[0].TypeName")
    assert out == ["My.Type", "My.Type"]


def test_nested_arrays_in_strings_show_their_type_name(rs: Runspace) -> None:
    assert rs.run('"$((1,2),(3,4))"') == ["System.Object[] System.Object[]"]


def test_psobject_properties_by_name_and_pstypenames(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{a=1}; $o.psobject.Properties.Item('a').Value; "
                 "$o.psobject.Properties['a'].Value; $o.pstypenames.Insert(0, 'X'); $o.pstypenames[0]")
    assert out == [1, 1, "X"]


def test_write_output_enumerates_its_input_one_level_only(rs: Runspace) -> None:
    assert rs.run("$v = 1..5; (& { Write-Output @(,$v) } | Measure-Object).Count; "
                  "(Write-Output $v | Measure-Object).Count") == [1, 5]


def test_information_records_are_captured_by_redirection_even_when_not_shown(rs: Runspace) -> None:
    assert rs.run('$x = Write-Information "hi" 6>&1; "[$($x.MessageData)]"') == ["[hi]"]
    assert rs.host.information == []  # type: ignore[attr-defined]


def test_scope_qualified_out_variable(rs: Runspace) -> None:
    assert rs.run('1 | Write-Output -OutVariable global:gov | Out-Null; "[$gov]"') == ["[1]"]


def test_variable_options_from_the_cmdlets(rs: Runspace) -> None:
    assert rs.run("Set-Variable -Name q -Value 1 -Option ReadOnly; $q = 2; $q; Set-Variable q 3 -Force; $q") == [1, 3]
    assert "read-only or constant" in rs.host.errors[0].message  # type: ignore[attr-defined]


def test_execution_context_language_mode(rs: Runspace) -> None:
    assert rs.run("$ExecutionContext.SessionState.LanguageMode") == ["FullLanguage"]


def test_datetime_from_ticks_in_casts_and_parameters(rs: Runspace) -> None:
    assert rs.run("(Get-Date -Date 0).Year; ([datetime]636000000000000000).Year") == [1, 2016]
