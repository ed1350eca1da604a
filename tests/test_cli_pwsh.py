"""pwsh's command line, CLIXML I/O and the minishell, run through the installed shell as processes.

Cases ported from PowerShell's test/powershell/Host/ConsoleHost.Tests.ps1 (the ones that can pass on
Linux; the redirected-stdin interactive prompt cases are left out on purpose: pyshell prints no
prompt for piped stdin unless --echo is given).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pyshell.engine import clixml
from pyshell.engine.objects import PSObject


def run(args: list[str], stdin: str | None = None, cwd: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pyshell", *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=cwd, env=env)


def ps(script: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a script in a parent pyshell (so that `& $pwsh` starts a child the way PowerShell's tests do)."""
    return run(["-NoProfile", "-c", "$powershell = Join-Path $PSHOME pwsh\n" + script], cwd=cwd)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-16-le")).decode()


# -- parameters ----------------------------------------------------------------------------------

@pytest.mark.parametrize("switch", ["--help", "-help", "-h", "-?", "--he", "-hel", "--HELP", "-hEl", "/?"])
def test_help_forms(switch: str) -> None:
    r = run(["-noprofile", switch])
    assert r.returncode == 0
    assert "pwsh[.exe] -h | -Help | -? | /?" in r.stdout


@pytest.mark.parametrize("value", [[], ["2"], ["-command", "1-1"]])
def test_version_ignores_what_follows(value: list[str]) -> None:
    r = run(["-version", *value])
    assert (r.stdout, r.returncode) == ("PowerShell 7.4.6\n", 0)


def test_encoded_command() -> None:
    r = run(["-noprofile", "-EncodedCommand", b64("'enc'; 6*7")])
    assert r.stdout.split() == ["enc", "42"]
    assert run(["-noprofile", "-ec", b64("1")]).stdout == "1\n"


def test_bad_encoded_command() -> None:
    r = run(["-noprofile", "-e", "%%%"])
    assert r.returncode == 64
    assert r.stderr.startswith("Cannot process the command because the value specified with -EncodedCommand is not "
                               "properly encoded.")


def test_encoded_arguments_become_args() -> None:
    doc = clixml.to_document([[1, "two", [3, 4]]])
    r = run(["-noprofile", "-ea", b64(doc), "-e", b64("$args.Count; $args[1]; $args[2][1]")])
    assert r.stdout.split() == ["3", "two", "4"]


@pytest.mark.parametrize(("arg", "matches"), [
    ("-no", ["-noexit", "-nologo", "-noninteractive", "-noprofile"]),
    ("-format", ["-inputformat", "-outputformat"]),
])
def test_ambiguous_arguments_list_possible_matches(arg: str, matches: list[str]) -> None:
    r = run([arg, "-File", "foo"])
    assert r.returncode == 64
    assert r.stderr.startswith(f"Invalid argument '{arg}', did you mean:\n")
    for m in matches:
        assert f"\n  {m}" in r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["-noprofile", "-c"], "Cannot process the command because of a missing parameter. A command must follow "
                           "-Command."),
    (["-File"], "The command cannot be run because the File parameter requires a file path."),
    (["-WorkingDirectory"], "Cannot process the command because -WorkingDirectory requires an argument"),
    (["-WindowStyle", "invalid"], "Parameter -WindowStyle is not implemented on this platform."),
    (["-sta", "-noprofile", "-command", "exit"], "-STA is not supported on this platform."),
    (["-mta", "-noprofile", "-command", "exit"], "-MTA is not supported on this platform."),
    (["-OutputFormat", "blah", "-c", "1"], 'Cannot process the command because of an incorrect parameter value. '
                                            '"blah" is not a valid format.  Valid formats are:\nText\nXML\nNone\n'),
    (["-InputFormat"], "Cannot process the command because the -InputFormat parameter requires an argument."),
    (["-ExecutionPolicy"], "Cannot process the execution policy because of a missing policy name."),
    (["-SSHServerMode"], "The parameter '-SSHServerMode' is not supported by pyshell"),
    (["-CustomPipeName", "A" * 200, "-c", "1"], "Error: CustomPipeName passed in is too long."),
    (["-c", "1", "-c", "2"], None),
    (["-EncodedArguments", "%%"], "Cannot process the command because the value specified with -EncodedArguments "
                                  "is not properly encoded."),
    (["-SettingsFile", "/nonexistent/x.json"], "The argument '/nonexistent/x.json' to the -SettingsFile parameter "
                                               "does not exist."),
])
def test_bad_command_lines_exit_64_with_pwsh_messages(args: list[str], message: str | None) -> None:
    r = run(args, stdin="")
    if message is None:  # -c takes the rest of the line: "1 -c 2" is one command, which fails to parse
        assert r.returncode == 1
        return
    assert r.returncode == 64
    assert r.stderr.startswith(message)


def test_command_dash_needs_redirected_stdin_and_nothing_after_it() -> None:
    r = run(["-noprofile", "-Command", "-", "x"], stdin="1")
    assert r.returncode == 64 and "no other arguments to -Command are permitted" in r.stderr
    assert run(["-noprofile", "-Command", "-"], stdin="1+1\n22 + 22").stdout.split() == ["2", "44"]


def test_empty_and_whitespace_commands_succeed() -> None:
    for text in ("", " "):
        r = run(["-noprofile", "-c", text])
        assert (r.stdout, r.returncode) == ("", 0)


def test_command_and_its_remaining_arguments_are_joined() -> None:
    assert run(["-nop", "-c", "Write-Output", "'-Login'"]).stdout == "-Login\n"
    assert run(["-nop", "-c", "'a' +", "'b'"]).stdout == "ab\n"


def test_accepted_and_ignored_parameters() -> None:
    r = run(["-NoLogo", "-NonInteractive", "-NoProfileLoadTime", "-ep", "Bypass", "-ConfigurationName", "x",
             "-inp", "text", "-of", "text", "-noprofile", "-c", "'ok'"])
    assert (r.stdout, r.returncode) == ("ok\n", 0)


@pytest.mark.parametrize("parameter", ["-workingdirectory", "-wd", "-wo"])
def test_working_directory(parameter: str, tmp_path: Path) -> None:
    folder = tmp_path / "a b"
    folder.mkdir()
    r = run(["-NoProfile", parameter, str(folder), "-Command", "$PWD.Path"])
    assert r.stdout == f"{folder}\n"


def test_command_with_args() -> None:
    r = run(["-nologo", "-noprofile", "-cwa", '$args | % { "[$_]" }', "$fun", "@times"])
    assert r.stdout.split() == ["[$fun]", "[@times]"]
    r = run(["-noprofile", "-commandwithargs", "param($a, $b) \"$b-$a\"", "-b", "x", "y"])
    assert r.stdout == "x-y\n"


def test_no_exit_reads_more_commands_in_the_same_session() -> None:
    r = run(["-noprofile", "-noexit", "-c", "$x = 5"], stdin="$x * 2\nexit 3\n")
    assert r.stdout.split() == ["10"]
    assert r.returncode == 3


def test_login_runs_the_login_profile(tmp_path: Path) -> None:
    (tmp_path / ".profile").write_text("export PYSHELL_TEST_LOGIN=from-profile\n")
    env = {k: v for k, v in os.environ.items() if k != "PYSHELL_TEST_LOGIN"}
    env["HOME"] = str(tmp_path)
    for switch in ("-l", "-Login", "-LOG"):
        r = run([switch, "-NoProfile", "-Command", "$env:PYSHELL_TEST_LOGIN"], env=env)
        assert r.stdout == "from-profile\n", r.stderr
    r = run(["-NoProfile", "-Command", "$env:PYSHELL_TEST_LOGIN"], env=env)
    assert r.stdout == ""


# -- -File ---------------------------------------------------------------------------------------

def test_file_is_the_default_parameter_with_or_without_ps1(tmp_path: Path) -> None:
    for name in ("test.ps1", "test.xxx"):
        (tmp_path / name).write_text("'hello'\n")
        assert run(["-NoProfile", str(tmp_path / name)]).stdout == "hello\n"
        assert run(["-NoProfile", "-File", str(tmp_path / name)]).stdout == "hello\n"


def test_file_arguments(tmp_path: Path) -> None:
    script = tmp_path / "script.ps1"
    script.write_text("foreach($arg in $args){$arg}\n")
    assert run(["-NoProfile", str(script), "foo", "bar"]).stdout.split() == ["foo", "bar"]


@pytest.mark.parametrize("text", ["$truE", "$falSe", "trUe", "faLse"])
def test_file_passes_bool_strings_as_strings(tmp_path: Path, text: str) -> None:
    script = tmp_path / "test.ps1"
    script.write_text("param([string]$bool) $bool\n")
    assert run(["-NoProfile", "-Nologo", "-File", str(script), "-Bool", text]).stdout == text + "\n"
    assert run(["-NoProfile", "-Nologo", "-File", str(script), text]).stdout == text + "\n"


@pytest.mark.parametrize(("text", "value"), [("$tRue", "True"), ("$faLse", "False"), ("tRue", "True"),
                                              ("fAlse", "False")])
def test_file_passes_colon_bools_to_switches(tmp_path: Path, text: str, value: str) -> None:
    script = tmp_path / "test.ps1"
    script.write_text("param([switch]$switch) [bool]$switch\n")
    assert run(["-NoProfile", "-File", str(script), f"-switch:{text}"]).stdout == value + "\n"


def test_file_exit_code(tmp_path: Path) -> None:
    (tmp_path / "test.ps1").write_text("exit 123\n")
    assert run([str(tmp_path / "test.ps1")]).returncode == 123


def test_file_reads_piped_input_in_a_process_block(tmp_path: Path) -> None:
    script = tmp_path / "test.ps1"
    script.write_text("param([string]$p1, [string]$p2)\nprocess { $_.Replace($p1, $p2) }\n")
    r = run(["-noprofile", str(script), "e", "-"], stdin="hello\n")
    assert r.stdout == "h-llo\n"


def test_command_reads_piped_input_only_when_asked() -> None:
    assert run(["-noprofile", "-c", "$input | % { \"<$_>\" }"], stdin="a\nb\n").stdout.split() == ["<a>", "<b>"]
    proc = subprocess.Popen([sys.executable, "-m", "pyshell", "-noprofile", "-c", "1+1"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "2\n"
        assert proc.wait(timeout=30) == 0  # finished although stdin is still open
    finally:
        proc.kill()


# -- -OutputFormat / -InputFormat xml ------------------------------------------------------------

def test_output_format_xml_writes_tagged_clixml() -> None:
    r = run(["-noprofile", "-of", "xml", "-c", "[pscustomobject]@{X=10}; 'two'; Write-Error 'bad'"])
    assert r.stdout.startswith("#< CLIXML\n<Objs ")
    values = list(clixml.iter_stream([r.stdout]))
    assert [s for _, s in values] == ["Output", "Output"]
    assert values[0][0].properties["X"] == 10 and values[1][0] == "two"
    assert r.stderr.startswith("#< CLIXML\n")
    (err, stream), = list(clixml.iter_stream([r.stderr]))
    assert stream == "Error" and err.FullyQualifiedErrorId == "Microsoft.PowerShell.Commands.WriteErrorException"


def test_input_format_xml_reads_objects() -> None:
    doc = "#< CLIXML\n" + clixml.to_document([PSObject([("X", 10), ("Y", 20)]), 5])
    r = run(["-noprofile", "-inputFormat", "xml", "-c", "$input | % { $_.X + $_.Y + 0 }"], stdin=doc)
    assert r.stdout.split() == ["30", "0"]


def test_encoded_command_with_redirected_stderr_writes_xml_errors_unless_output_format_given() -> None:
    r = run(["-EncodedCommand", b64('throw "boom"'), "-NonInteractive", "-NoProfile"])
    assert r.stderr.startswith("#< CLIXML")
    r = run(["-EncodedCommand", b64('throw "boom"'), "-NoProfile", "-OutputFormat", "text"])
    assert r.stderr.splitlines()[0] == "Exception: boom"


# -- minishell -----------------------------------------------------------------------------------

def test_minishell_gets_a_hashtable() -> None:
    r = ps("$o = & $powershell -noprofile { @{'a' = 'b'} }\n($o | Measure-Object).Count; $o.GetType().FullName; "
           "$o['a']")
    assert r.stdout.split() == ["1", "System.Collections.Hashtable", "b"], r.stderr


def test_minishell_error_and_information_streams() -> None:
    r = ps("$e = & $powershell -noprofile { Write-Error 'foo' } 2>&1\n"
           "($e | Measure-Object).Count; $e.GetType().FullName; $e.FullyQualifiedErrorId\n"
           "$i = & $powershell -noprofile { Write-Information 'foo' } 6>&1\n"
           "($i | Measure-Object).Count; $i.GetType().FullName; \"$i\"")
    assert r.stdout.split() == ["1", "System.Management.Automation.ErrorRecord",
                                "Microsoft.PowerShell.Commands.WriteErrorException",
                                "1", "System.Management.Automation.InformationRecord", "foo"], r.stderr


def test_minishell_input_and_args() -> None:
    r = ps("$val = 1,2,3 | & $powershell -noprofile -command { $input }\n$val.Count; $val -join ','\n"
           "& $powershell -noprofile { $args[0] } -args 'hello world'\n"
           "& $powershell -noprofile { $args[0] } -args 1,(2,3)\n"
           "(& $powershell -noprofile { $args[1] } -args 1,(2,3))[1]\n"
           "$p = [PSCustomObject]@{X=10;Y=20}\n"
           "$p | & $powershell -noprofile { $input | ForEach-Object {$a = 0} { $a += $_.X + $_.Y } { $a } }\n"
           "& $powershell -noprofile { [PSCustomObject]@{X=10;Y=20} } | ForEach-Object {$a = 0} "
           "{ $a += $_.X + $_.Y } { $a }\n"
           "-join (& $powershell -noprofile -outputFormat text { [PSCustomObject]@{X=10;Y=20} }) -replace '\\s',''")
    assert r.stdout.split() == ["3", "1,2,3", "hello", "world", "1", "3", "30", "30", "XY--1020"], r.stderr


@pytest.mark.parametrize("args", ["-outp blah -comm { $input }", "-input blah -comm { $input }"])
def test_minishell_bad_format_value(args: str) -> None:
    r = ps(f"try {{ & $powershell {args} }} catch {{ $_.FullyQualifiedErrorId; $_.ToString() }}")
    lines = r.stdout.splitlines()
    assert lines[0] == "IncorrectValueForFormatParameter"
    assert lines[1].startswith("A value that is not valid (blah) was specified for the ")


def test_minishell_other_binding_errors() -> None:
    r = ps("try { & $powershell -command 'text' { 1 } } catch { $_.FullyQualifiedErrorId }\n"
           "try { & $powershell { 1 } { 2 } } catch { $_.FullyQualifiedErrorId }\n"
           "try { & $powershell { 1 } -args } catch { $_.FullyQualifiedErrorId }")
    assert r.stdout.split() == ["IncorrectValueForCommandParameter", "ParameterSpecifiedAlready",
                                "NoValuesSpecifiedForArgs"]


def test_minishell_errors_obey_error_action_stop() -> None:
    r = ps("$ErrorActionPreference = 'Stop'\n"
           "try { $null = 1,2 | & $powershell -noprofile -command { wgwg-wrwrhqwrhrh35h3h3 }; 'not here' } "
           "catch { $_.FullyQualifiedErrorId }")
    assert r.stdout.split() == ["CommandNotFoundException"]


def test_text_output_minishell_at_the_end_of_a_line_writes_to_the_console() -> None:
    r = ps("'blahblah' | & $powershell -noprofile -out text -com { $input }")
    assert r.stdout == "blahblah\n"


def test_native_output_assigned_to_a_variable_is_captured() -> None:
    r = ps("$x = /bin/echo hi; \"x=$x\"")
    assert r.stdout == "x=hi\n"


def test_custom_pipe_name_opens_the_pipe_for_the_session_only(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    r = run(["-CustomPipeName", "pyshelltest", "-NoProfile", "-Command",
             f"Test-Path '{tmp_path}/CoreFxPipe_pyshelltest'"], env=env)
    assert r.stdout == "True\n"
    assert not (tmp_path / "CoreFxPipe_pyshelltest").exists()


def test_pshome_comes_first_on_path_even_when_path_is_unset() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PATH"}
    r = run(["-noprofile", "-command", "$env:PATH; (Get-Command pwsh).Source; pwsh -v"], env=env)
    home = str(Path(clixml.__file__).resolve().parents[1])
    assert r.stdout.splitlines() == [home + os.pathsep, os.path.join(home, "pwsh"), "PowerShell 7.4.6"]


def test_minishell_rewrites_the_arguments_of_any_program(tmp_path: Path) -> None:
    r = ps("$x = /bin/echo { a } -args 1; $x")
    words = r.stdout.split()
    assert words[0] == "-encodedCommand" and base64.b64decode(words[1]).decode("utf-16-le") == " a "
    assert words[2] == "-encodedarguments"
    assert clixml.from_document(base64.b64decode(words[3]).decode("utf-16-le")) == [[1]]
    assert words[4:] == ["-inputFormat", "xml", "-outputFormat", "xml"]


def test_minishell_child_with_broken_clixml_is_an_error(tmp_path: Path) -> None:
    child = tmp_path / "child.sh"
    child.write_text("#!/bin/sh\necho '#< CLIXML'\n"
                     f"echo '<Objs xmlns=\"{clixml.NAMESPACE}\"><I32>1</I32><Bogus'\n")
    child.chmod(0o755)
    r = ps(f"$x = & '{child}' {{ 1 }} 2>&1; $x[0]; $x[1].ToString()")
    lines = r.stdout.splitlines()
    assert lines[0] == "1"
    assert lines[1].startswith(f"Cannot process the XML from the 'Output' stream of '{child}': ")


def test_minishell_write_host_is_shown_by_the_caller() -> None:
    r = ps("$x = & $powershell -nop { Write-Host 'from child'; Write-Warning 'careful'; 1 }; \"x=$x\"")
    assert r.stdout.splitlines() == ["from child", "WARNING: careful", "x=1"]


# -- the parser itself (in process) -----------------------------------------------------------------

@pytest.mark.parametrize(("argv", "field", "value"), [
    (["-nop", "-c", "1"], "no_profile", True),
    (["-noni", "-c", "1"], "non_interactive", True),
    (["-in", "-c", "1"], "interactive_requested", True),
    (["-input", "XML", "-c", "1"], "input_format", "XML"),
    (["-if", "text", "-c", "1"], "input_format", "Text"),
    (["-o", "xml", "-c", "1"], "output_format", "XML"),
    (["/outputformat", "None", "-c", "1"], "output_format", "None"),
    (["--noexit", "-c", "1"], "no_exit", True),
    (["-ex", "Bypass", "-c", "1"], "execution_policy", "Bypass"),
    (["-ep", "Bypass", "-c", "1"], "execution_policy", "Bypass"),
    (["-config", "x", "-c", "1"], "configuration_name", "x"),
    (["-wd", "/tmp", "-c", "1"], "working_directory", "/tmp"),
    (["-c", "a", "b", "-nop"], "command", "a b -nop"),
    (["-c", "-"], "read_stdin", True),
    (["-"], "read_stdin", True),
    (["--echo", "-"], "echo", True),
    (["--job-worker"], "job_worker", True),
    (["--agent", "session", "x"], "agent", ["session", "x"]),
])
def test_parameter_prefixes_and_forms(argv: list[str], field: str, value: object) -> None:
    from pyshell.cli_args import parse_args

    assert getattr(parse_args(argv), field) == value


def test_file_arguments_are_parsed_as_pwsh_does(tmp_path: Path) -> None:
    from pyshell.cli_args import FileArgument, parse_args

    script = tmp_path / "s.ps1"
    script.write_text("")
    opts = parse_args([str(script), "-a", "x", "-b:$false", "-c:", "v", "-d:text", "plain"])
    assert opts.file == str(script)
    assert opts.file_args == [FileArgument("a", None, False, "-a"), FileArgument(None, "x", True, "x"),
                              FileArgument("b", False, True, "-b:$false"), FileArgument("c", "v", True, "-c:"),
                              FileArgument("d", "text", True, "-d:text"), FileArgument(None, "plain", True, "plain")]


def test_file_script_without_process_block_reads_stdin_through_input(tmp_path: Path) -> None:
    script = tmp_path / "in.ps1"
    script.write_text('$input | % { "[$_]" }\n')
    assert run(["-nop", "-File", str(script)], stdin="a\nb\n").stdout.split() == ["[a]", "[b]"]
