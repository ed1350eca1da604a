"""The pyshell command line, run as a real process: -Command, -File, stdin replay, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(args: list[str], stdin: str | None = None, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pyshell", *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_command_prints_output_and_exits_zero() -> None:
    r = run(["-NoProfile", "-c", "1+2; 'done'"])
    assert r.returncode == 0
    assert r.stdout.split() == ["3", "done"]


def test_command_exit_code_from_exit() -> None:
    assert run(["-NoProfile", "-c", "exit 7"]).returncode == 7


def test_command_fails_with_one_when_last_statement_failed() -> None:
    r = run(["-NoProfile", "-c", "Get-NoSuchThing"])
    assert r.returncode == 1
    assert "Get-NoSuchThing: The term 'Get-NoSuchThing' is not recognized" in r.stderr


def test_throw_gives_exit_one_and_no_traceback() -> None:
    r = run(["-NoProfile", "-c", "throw 'bad thing'; 'never'"])
    assert r.returncode == 1
    assert "bad thing" in r.stderr
    assert "never" not in r.stdout
    assert "Traceback" not in r.stderr


def test_parser_error_shows_position() -> None:
    r = run(["-NoProfile", "-c", "if (1) 2"])
    assert r.returncode == 1
    assert "ParserError" in r.stderr
    assert "Missing statement block" in r.stderr


def test_file_with_arguments(tmp_path: Path) -> None:
    script = tmp_path / "s.ps1"
    script.write_text("param($a, $b)\n\"$a-$b\"\n$args.Count\nexit 4\n")
    r = run(["-NoProfile", "-File", str(script), "x", "y"])
    assert r.stdout.split() == ["x-y", "0"]
    assert r.returncode == 4


def test_file_terminating_error_exit_one(tmp_path: Path) -> None:
    script = tmp_path / "t.ps1"
    script.write_text("'before'\nthrow 'oops'\n'after'\n")
    r = run(["-NoProfile", "-File", str(script)])
    assert r.returncode == 1
    assert r.stdout.split() == ["before"]
    assert "oops" in r.stderr


def test_missing_file() -> None:
    r = run(["-NoProfile", "-File", "/nonexistent/x.ps1"])
    assert r.returncode == 64
    assert "is not recognized as the name of a script file" in r.stderr


def test_stdin_replay_runs_statement_by_statement() -> None:
    text = "$x = 2\nif ($x -eq 2) {\n  'two'\n}\n$x * 3\n"
    r = run(["-NoProfile", "-"], stdin=text)
    assert r.returncode == 0
    assert r.stdout.split() == ["two", "6"]


def test_stdin_replay_keeps_going_after_an_error() -> None:
    r = run(["-NoProfile"], stdin="Get-Nope\n'still here'\n")
    assert "still here" in r.stdout
    assert "Get-Nope" in r.stderr


def test_stdin_echo_prints_prompt_and_command() -> None:
    r = run(["-NoProfile", "-echo", "-"], stdin="1+1\n", cwd="/")
    assert "PS /> 1+1" in r.stdout
    assert r.stdout.strip().endswith("2")


def test_version_and_help() -> None:
    assert run(["-Version"]).stdout == "PowerShell 7.4.6\n"
    help_text = run(["-Help"]).stdout
    assert "pwsh[.exe] -h | -Help | -? | /?" in help_text
    assert "pyshell lab start|stop|status" in help_text and "--echo" in help_text


def test_unknown_option_is_a_usage_error() -> None:
    r = run(["-Bogus"])
    assert r.returncode == 64
    assert r.stderr.startswith("The argument '-Bogus' is not recognized as the name of a script file.")


@pytest.mark.parametrize("walkthrough", ["1-interactive-session.ps1"])
def test_seed_walkthroughs_parse(walkthrough: str) -> None:
    from pyshell.language import parse

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "walkthroughs" / walkthrough
    if not seed.exists():
        pytest.skip("../shared not beside the checkout")
    parse(seed.read_text())


def test_profile_runs_unless_noprofile(tmp_path: Path) -> None:
    import os

    profile = tmp_path / "powershell" / "Microsoft.PowerShell_profile.ps1"
    profile.parent.mkdir(parents=True)
    profile.write_text("function hello { 'from profile' }\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    with_profile = subprocess.run([sys.executable, "-m", "pyshell", "-c", "hello"], capture_output=True,
                                  text=True, timeout=60, env=env)
    assert with_profile.stdout.strip() == "from profile"
    without = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-c", "hello"], capture_output=True,
                             text=True, timeout=60, env=env)
    assert without.returncode == 1 and "hello" in without.stderr


def test_read_host_reads_the_next_line_of_a_replayed_script() -> None:
    r = run(["-NoProfile", "-"], stdin='$n = Read-Host "Name"\nAlice\n"Hello $n"\n')
    assert r.stdout.rstrip().endswith("Hello Alice")


def test_read_host_without_input_is_a_clear_error() -> None:
    r = run(["-NoProfile", "-c", "Read-Host 'Name'"], stdin="")
    assert "does not support user interaction" in r.stderr


def test_console_output_uses_views_loaded_with_update_formatdata(tmp_path: Path) -> None:
    fmt = tmp_path / "my.format.ps1xml"
    fmt.write_text(
        "<Configuration><ViewDefinitions><View><Name>T</Name><ViewSelectedBy><TypeName>My.Thing</TypeName>"
        "</ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader><Label>Big</Label><Width>8</Width>"
        "</TableColumnHeader></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem>"
        "<ScriptBlock>$_.a * 10</ScriptBlock></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>"
        "</TableControl></View></ViewDefinitions></Configuration>")
    r = run(["-NoProfile", "-c", f"Update-FormatData -PrependPath '{fmt}'; $o = [pscustomobject]@{{a=4; b=5}}; "
             "$o.PSObject.TypeNames.Insert(0, 'My.Thing'); $o"])
    assert r.stdout.split() == ["Big", "---", "40"]


def test_pshome_pwsh_runs_this_pyshell() -> None:
    """PowerShell's tests start "$PSHOME/pwsh"; ours is a launcher for the same package and interpreter."""
    done = run(["-NoProfile", "-Command",
                "& (Join-Path $PSHOME pwsh) -NoProfile -c '$PSHOME; 6*7; exit 3'; \"code $LASTEXITCODE\""])
    lines = done.stdout.splitlines()
    assert lines[1:] == ["42", "code 3"], done.stdout + done.stderr
    assert Path(lines[0], "pwsh").is_file()


def test_the_builtin_prompt_function_exists_and_can_be_replaced() -> None:
    done = run(["-NoProfile", "-Command",
                "(Get-Command prompt).CommandType; prompt; function prompt { 'X> ' }; prompt"])
    lines = done.stdout.splitlines()
    assert lines[0] == "Function" and lines[1].startswith("PS /") and lines[1].endswith("> "), done.stdout
    assert lines[2] == "X> "
