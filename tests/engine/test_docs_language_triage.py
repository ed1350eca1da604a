"""Language, parser and binder fixes from the documentation triage (/tmp/docs_triage.md).

Expected values are what PowerShell 7.4 gives for the documented examples (about_For, about_Functions,
about_Operators, about_Parameters_Default_Values, about_Variables, about_Parsing, about_Hash_Tables, about_If).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

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
    # F1: a for loop's initializer and iterator run for their side effects only
    ("for (($i = 0), ($j = 0); $i -lt 2; $i++, $j++) { \"$i,$j\" }", ["0,0", "1,1"]),
    ("for ((1+1); $false; ) { }; 'end'", ["end"]),
    ("for ($i = 0; $i -lt 2; $i++, 'iter') { $i }", [0, 1]),
    # FN3: the clean block runs last; its success output is discarded
    ("function f { end { 'e' } clean { $script:cleaned = 'yes'; 'dropped' } }; f; $cleaned", ["e", "yes"]),
    ("$global:c = 0; function g { process { $_ } clean { $global:c++ } }; 1..5 | g | Select-Object -First 2; $c",
     [1, 2, 1]),
    ("function h { end { throw 'boom' } clean { $global:hc = 'ran' } }; try { h } catch { \"$_\" }; $hc",
     ["boom", "ran"]),
    ("& { end { 'sb' } clean { $global:sbc = 1 } }; $sbc", ["sb", 1]),
    # a begin block's output satisfies Select-Object -First before any process call: clean still runs
    ("$global:n = 0; function b { begin { 'b' } process { $_ } clean { $global:n++ } }; "
     "1..5 | b | Select-Object -First 1; $n", ["b", 1]),
    ("$global:m = 0; function t { begin { throw 'early' } clean { $global:m++ } }; try { t } catch { \"$_\" }; $m",
     ["early", 1]),
    # H1: a number after '.' is a key itself
    ("$h = @{1 = 'one'}; $h.1", ["one"]),
    ("$h = @{'2' = 'two'}; $h.2", ["two"]),
    ("'Good Dog' -match 'Dog' | Out-Null; $Matches.0", ["Dog"]),
    ("$h = @{1 = 'one'}; $h.1 = 'uno'; $h.1; $h.Count", ["uno", 1]),
    # OrderedDictionary: an int index is a position, an [object] one is a key
    ("$d = [ordered]@{1 = 'one'; 2 = 'two'}; $d[1]; $d[[Object]1]; $null -eq $d[[object]5]", ["two", "one", True]),
    # O5: a dynamic member name may follow blanks
    ("'MaxValue' | % { [int]:: $_ }", [2147483647]),
    ("$n = 'MinValue'; [int]::$n", [-2147483648]),
    ("$o = [pscustomobject]@{ A = 5 }; 'A' | % { $o. $_ }", [5]),
    # AD1: attributes on variables
    ("[ValidateRange(0,10)] [int]$n = 5; $n", [5]),
    ("[ValidatePattern('^[0-9]{4}$')] [string]$ticketID = 1111; $ticketID", ["1111"]),
    ("[AllowNull()] [int]$number = 7; $number", [7]),
    ("[ValidateRange(0,10)] [int]$n = 5; $n = 3; $n", [3]),
    ("[ValidateRange(0,10)] [int]$n = 5; $n = '8'; $n.GetType().Name", ["Int32"]),
    ("[ValidateSet('a','b')] $s = 'a'; $s = 'B'; $s", ["B"]),
    ("[ValidateNotNullOrEmpty()]\n$q = 'x'; $q", ["x"]),
    # P3 / SP: after a member access a dash starts a new argument; Write-Output takes '-more' as a value
    ("(Write-Output $HOME.Length-more).Count", [2]),
    ("Write-Output 1 -more", [1, "-more"]),
    # Q3: a PowerShell command receives --% and the rest of the line as arguments
    ("function s { $args -join '|' }; s a --% b c", ["a|--%|b c"]),
    # T1: ordinary ternaries still work
    ("$true ? 1 : 2", [1]),
    ("$false ? 'a' :\n'b'", ["b"]),
    # [ordered] on a hash literal
    ("([ordered]@{b = 1; a = 2}).Keys -join ','", ["b,a"]),
    # a group holds a pipeline: a command that is not found ends the enclosing statement
    ("Write-Output (nosuch) 'x'; 'next'", ["next"]),
    ("$a = (nosuch); \"a=$a\"", ["a="]),
    ("\"$(nosuch)y\"", ["y"]),  # $() is a statement list: the error ends only its own statement
    # a $( ) that wrote nothing is AutomationNull: left out of ValueFromRemainingArguments, $null elsewhere
    ("Write-Output $(nosuch) 'y'", ["y"]),
    ("(Write-Output $()).Count", [0]),
    ("function f { param($a) $null -eq $a }; f $()", [True]),
    ("Write-Output $(1) $(2)", [1, 2]),
    ("(Write-Output 1 2).Count; (1 + 2)", [2, 3]),
    ("if (nosuch) { 'yes' } else { 'no' }; 'next'", ["next"]),
    ("switch (nosuch) { default { 'def' } }; 'end'", ["end"]),
    ("$h = @{ a = nosuch }; \"h=$h\"", ["h="]),
    ("try { $v = (nosuch) } catch { $_.FullyQualifiedErrorId }", ["CommandNotFoundException"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_docs_language_case(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_for_iterator_errors_still_reported(rs: Runspace) -> None:
    assert rs.run("for ($i = 0; $i -lt 1; $i++, (1/0)) { 'body' }") == ["body"]
    assert any("divide by zero" in m for m in _errors(rs))


def test_clean_block_terminating_error_is_reported(rs: Runspace) -> None:
    assert rs.run("function f { end { 'e' } clean { throw 'in clean' } }; f; 'after'") == ["e", "after"]
    assert _errors(rs) == ["in clean"]


def test_validation_failure_on_assignment(rs: Runspace) -> None:
    assert rs.run("[ValidateRange(0,10)] [int]$number = 5; $number = 11; $number") == [5]
    err = rs.host.errors[0]  # type: ignore[attr-defined]
    assert err.message == "The variable cannot be validated because the value 11 is not a valid value for the number variable."
    assert rs.run("$Error[0].FullyQualifiedErrorId; $Error[0].CategoryInfo.Category.ToString()") == [
        "ValidateSetFailure", "MetadataError"]


def test_validate_length_on_string_variable(rs: Runspace) -> None:
    rs.run("[ValidateLength(1,10)] [string] $text = 'valid'; $text = 'this is too long'")
    assert _errors(rs) == ["The variable cannot be validated because the value this is too long is not a valid value "
                           "for the text variable."]
    assert rs.run("$text") == ["valid"]


def test_attribute_that_no_longer_holds(rs: Runspace) -> None:
    # [string] is added after ValidateLength, so the [int] 43 is checked (and fails) first
    assert rs.run("[string] [ValidateLength(1,5)]$t = 43; \"t=$t\"") == ["t="]
    assert _errors(rs) == ["The attribute cannot be added because variable t with value 43 would no longer be valid."]
    assert rs.run("[ValidateRange(0,10)] [int]$m = 11; $null -eq $m") == [True]


def test_validate_set_variable(rs: Runspace) -> None:
    assert rs.run("[ValidateSet('a','b')] $s = 'a'; $s = 'c'; $s") == ["a"]
    assert _errors(rs) == ["The variable cannot be validated because the value c is not a valid value for the s variable."]


def test_validation_in_function_scope(rs: Runspace) -> None:
    assert rs.run("function f { [ValidateRange(1,3)][int]$v = 2; $v = 5; $v }; f") == [2]
    assert len(_errors(rs)) == 1


def test_attribute_without_expression_is_a_parse_error(rs: Runspace) -> None:
    assert rs.run("$x = ([ValidateNotNull()])") == []
    assert _errors(rs) == ["Unexpected attribute 'ValidateNotNull'."]


def test_default_parameter_values(rs: Runspace) -> None:
    assert rs.run("$PSDefaultParameterValues['Get-Date:Format'] = 'yyyy'; Get-Date -Date 2020-05-01") == ["2020"]
    assert rs.run("Get-Date -Date 2020-05-01 -Format MM") == ["05"]  # an explicit value wins
    assert rs.run("$PSDefaultParameterValues['Disabled'] = $true; (Get-Date -Date 2020-05-01).Year") == [2020]


def test_default_parameter_values_wildcards_and_script_blocks(rs: Runspace) -> None:
    src = ("function af { [CmdletBinding()] param($Name) \"n=$Name\" }; function sf { param($Name) \"s=$Name\" }; "
           "$PSDefaultParameterValues['a*:Name'] = { 'from block' }; $PSDefaultParameterValues['sf:Name'] = 'z'; "
           "af; af -Name x; sf")
    # simple functions never get defaults
    assert rs.run(src) == ["n=from block", "n=x", "s="]


def test_default_parameter_values_common_parameter(rs: Runspace) -> None:
    assert rs.run("function v { [CmdletBinding()] param() Write-Verbose 'verb' }; "
                  "$PSDefaultParameterValues['v:Verbose'] = $true; v 4>&1 | % { \"got $_\" }") == ["got verb"]


def test_default_parameter_value_that_cannot_bind_is_skipped(rs: Runspace) -> None:
    assert rs.run("$PSDefaultParameterValues['Get-Date:Year'] = 'notanumber'; (Get-Date -Date 2020-05-01).Year") == [2020]
    assert _errors(rs) == []


def _pyshell(src: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command", src], capture_output=True,
                          text=True, timeout=120)
    return (proc.stdout + proc.stderr).splitlines()


def test_background_operator_ends_statement_mid_line() -> None:
    assert _pyshell("$j = Write-Output 1 & Receive-Job $j -Wait -AutoRemoveJob") == ["1"]
    out = _pyshell("$a = Write-Output 2 & $b = Write-Output 3 &\nReceive-Job $a,$b -Wait -AutoRemoveJob")
    assert out == ["2", "3"]


@pytest.mark.parametrize(("src", "message"), [
    ("(Test-Path .vscode) ? Write-Host 'e' : Write-Host 'n'", "You must provide a value expression following the '?' operator."),
    ("(Test-Path .vscode) ? (Write-Host 'e') : Write-Host 'n'",
     "You must provide a value expression following the ':' operator."),
    ("[ordered]$o = @{}; 'accepted'", "The ordered attribute can be specified only on a hash literal node."),
])
def test_parse_errors(rs: Runspace, src: str, message: str) -> None:
    assert rs.run(src) == []
    assert _errors(rs) == [message]


@pytest.fixture
def echoargs(tmp_path: Path) -> str:
    script = tmp_path / "echoargs"
    script.write_text(f"#!{sys.executable}\nimport sys\nfor i, a in enumerate(sys.argv[1:]): print(f'Arg {{i}} is <{{a}}>')\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_stop_parsing_token(rs: Runspace, echoargs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOO", "bar")
    monkeypatch.delenv("NOPE_NOT_SET", raising=False)
    out = rs.run(f"{echoargs} --% \"a|b\" %FOO% $HOME %NOPE_NOT_SET%")
    assert out == ["Arg 0 is <a|b>", "Arg 1 is <bar>", "Arg 2 is <$HOME>", "Arg 3 is <%NOPE_NOT_SET%>"]


def test_stop_parsing_ends_at_pipe(rs: Runspace, echoargs: str) -> None:
    assert rs.run(f"{echoargs} --% x y | Measure-Object | % Count") == [2]


def test_array_literal_is_one_native_argument(rs: Runspace, echoargs: str) -> None:
    assert rs.run(f"{echoargs} A,B") == ["Arg 0 is <A,B>"]
    assert rs.run(f"$AB = 'A','B'; {echoargs} $AB") == ["Arg 0 is <A>", "Arg 1 is <B>"]


@pytest.mark.parametrize(("text", "args"), [
    ('a "b c" d', ["a", "b c", "d"]),
    (r'"a\"b"', ['a"b']),
    (r'a\\b', [r'a\\b']),
    (r'"a\\" b', ["a\\", "b"]),
    ('""', [""]),
    ("  x\t y ", ["x", "y"]),
])
def test_split_command_line(text: str, args: list[str]) -> None:
    from pyshell.engine.nativeargs import split_command_line

    assert split_command_line(text) == args


def test_percent_variables() -> None:
    from pyshell.engine.nativeargs import expand_percent_variables

    os.environ["PYSHELL_TRIAGE_X"] = "v"
    try:
        assert expand_percent_variables("%PYSHELL_TRIAGE_X%-%UNSET_TRIAGE_Y%") == "v-%UNSET_TRIAGE_Y%"
    finally:
        del os.environ["PYSHELL_TRIAGE_X"]


def _module(tmp_path: Path) -> str:
    path = tmp_path / "TriageMod.psm1"
    path.write_text(
        "function Private-Helper { 'private helper' }\n"
        "function Get-Block { { Private-Helper } }\n"
        "$script:modvar = 'modvar'\n"
        "function Get-VarBlock { { $script:modvar } }\n"
        "function Test-Local { $loc = 'local'; $sb = { $loc }; & $sb; 1 | ForEach-Object { \"$loc $_\" } }\n"
        "function Invoke-Callback { param($cb) & $cb }\n"
        "function Public-F { 'public f' }\n"
        "Export-ModuleMember -Function Get-Block, Get-VarBlock, Test-Local, Invoke-Callback, Public-F\n")
    return str(path)


def test_module_script_block_keeps_module_session_state(rs: Runspace, tmp_path: Path) -> None:
    src = f"Import-Module '{_module(tmp_path)}'; $b = Get-Block; & $b; & (Get-VarBlock); $b.Invoke(); 1 | % $b"
    assert rs.run(src) == ["private helper", "modvar", "private helper", "private helper"]
    assert rs.run("Private-Helper") == []
    assert "Private-Helper" in _errors(rs)[0]
    assert rs.run("(Get-Block).Module.Name; $null -eq { 1 }.Module") == ["TriageMod", True]


def test_module_script_block_inside_module_sees_locals(rs: Runspace, tmp_path: Path) -> None:
    src = f"Import-Module '{_module(tmp_path)}'; Test-Local; $mine = 'caller var'; Invoke-Callback {{ $mine }}"
    assert rs.run(src) == ["local", "local 1", "caller var"]


def test_module_qualified_command(rs: Runspace, tmp_path: Path) -> None:
    src = f"Import-Module '{_module(tmp_path)}'; TriageMod\\Public-F; triagemod\\public-f; & 'TriageMod\\Public-F'"
    assert rs.run(src) == ["public f"] * 3
    assert rs.run("TriageMod\\Private-Helper") == []
    assert _errors(rs)[0].startswith("The term 'TriageMod\\Private-Helper' is not recognized")


def test_write_host_message_alias() -> None:
    assert _pyshell("Write-Host -Message hi; $a = @{Message = 'Hello','World!'}; $b = @{Separator = '|'}; "
                    "Write-Host @a @b; Write-Host -Msg x") == ["hi", "Hello|World!", "x"]


def test_switch_file_wildcards(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("a\n")
    (tmp_path / "Foo[0]").write_text("Foo\n")
    base = str(tmp_path)
    assert rs.run(f"switch -File '{base}/README.*' {{ default {{ $_ }} }}") == ["a"]
    assert rs.run(f"switch -File ([WildcardPattern]::Escape('{base}/Foo[0]')) {{ foo {{ 'Foo' }} }}") == ["Foo"]
    assert rs.run(f"switch -File '{base}/Foo[0]' {{ foo {{ 'Foo' }} }}") == []
    assert _errors(rs) == [f"No files matching '{base}/Foo[0]' were found."]
    (tmp_path / "README.txt").write_text("b\n")
    assert rs.run(f"switch -File '{base}/README.*' {{ default {{ $_ }} }}") == []
    assert _errors(rs)[-1] == "The path resolved to more than one file; can only process one file."


def test_top_level_clean_block() -> None:
    assert _pyshell("end { 'e' } clean { Write-Host 'clean ran'; 'dropped' }") == ["e", "clean ran"]


def test_default_parameter_value_of_another_set_is_not_applied(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    src = (f"$PSDefaultParameterValues['Get-ChildItem:Path'] = '/nonexistent/dir'; "
           f"(Get-ChildItem -LiteralPath '{tmp_path}').Name; "
           "$PSDefaultParameterValues['Get-Date:Format'] = 'yyyy'; Get-Date -Date 2020-01-02 -UFormat %m")
    assert rs.run(src) == ["a.txt", "01"]
    assert _errors(rs) == []


def test_common_parameters_set_preference_variables(rs: Runspace) -> None:
    src = ("function v { [CmdletBinding(SupportsShouldProcess)] param() "
           "\"$VerbosePreference|$DebugPreference|$ErrorActionPreference|$WarningPreference|$WhatIfPreference|"
           "$ConfirmPreference\" }; v; v -Verbose -Debug -ErrorAction Stop -WarningAction Ignore -WhatIf; v -Confirm")
    assert rs.run(src) == ["SilentlyContinue|SilentlyContinue|Continue|Continue|False|High",
                           "Continue|Continue|Stop|Ignore|True|High",
                           "SilentlyContinue|SilentlyContinue|Continue|Continue|False|Low"]


def test_common_parameters_in_psboundparameters(rs: Runspace) -> None:
    src = "function v { [CmdletBinding()] param($a) $PSBoundParameters.Keys -join ',' }; v -a 1 -Verbose -ErrorAction Stop"
    assert rs.run(src) == ["a,Verbose,ErrorAction"]


def test_supports_should_process_adds_whatif(rs: Runspace, tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("x")
    src = ("function r { [CmdletBinding(SupportsShouldProcess)] param($p) "
           "if ($PSCmdlet.ShouldProcess($p, 'Remove')) { \"removed $p\" } }; r x; "
           f"function rm2 {{ [CmdletBinding(SupportsShouldProcess)] param($p) Remove-Item $p }}; rm2 '{target}' -WhatIf; "
           f"Test-Path '{target}'")
    assert rs.run(src) == ["removed x", True]
    assert rs.run("function n { [CmdletBinding()] param() }; n -WhatIf") == []
    assert _errors(rs) == ["A parameter cannot be found that matches parameter name 'WhatIf'."]


def test_error_action_reaches_commands_inside(rs: Runspace) -> None:
    src = ("function e { [CmdletBinding()] param() Write-Error 'bad'; 'after-error' }; e -ErrorAction SilentlyContinue; "
           "try { e -ErrorAction Stop } catch { \"caught: $_\" }")
    assert rs.run(src) == ["after-error", "caught: bad"]
    assert _errors(rs) == []
