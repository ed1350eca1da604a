"""Running scripts by relative path: `./x.ps1` is a path, not dot-sourcing; `.\\x.ps1` works on Unix as in pwsh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("line", "expected"), [
    ("./x.ps1 a b", "args: a b"),
    (". ./x.ps1 c", "args: c"),
    (".\\x.ps1 d", "args: d"),
    ("..\\here\\x.ps1 e", "args: e"),
    ("../here/x.ps1 f", "args: f"),
    ("$sb = { \"sb $args\" }; . $sb g", "sb g"),
    (".{ 'block' }", "block"),
    ("& ./x.ps1 h", "args: h"),
])
def test_relative_script_paths(tmp_path: Path, line: str, expected: str) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "x.ps1").write_text('"args: $args"\n')
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command", line], cwd=here,
                          capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == expected, done.stdout + done.stderr


def test_dot_sourcing_a_relative_script_keeps_its_variables(tmp_path: Path) -> None:
    (tmp_path / "v.ps1").write_text("$fromScript = 42\n")
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command",
                           "./v.ps1; \"[$fromScript]\"; . ./v.ps1; \"[$fromScript]\""], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30)
    assert done.stdout.split() == ["[]", "[42]"], done.stdout + done.stderr
