"""Demo mode: statements are shown at the prompt, then run; works without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pyshell.repl.demo import statements


def test_statements_skip_comments_and_join_open_blocks() -> None:
    text = "# intro\n\n$x = 2\nif ($x) {\n  'two'\n}\n# end\n"
    assert list(statements(text)) == ["$x = 2", "if ($x) {\n  'two'\n}"]


def test_demo_prints_each_prompt_and_command_before_its_output(tmp_path: Path) -> None:
    script = tmp_path / "walk.ps1"
    script.write_text("# a walkthrough\n'first'\n1 + 1\nexit 3\n'never'\n")
    proc = subprocess.run([sys.executable, "-m", "pyshell", "--demo", str(script), "--auto", "--speed", "0"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path, stdin=subprocess.DEVNULL,
                          start_new_session=True)
    assert proc.returncode == 3
    lines = proc.stdout.splitlines()
    assert lines[0] == f"PS {tmp_path}> 'first'"
    assert lines[1] == "first"
    assert lines[2] == f"PS {tmp_path}> 1 + 1"
    assert lines[3] == "2"
    assert "never" not in proc.stdout
    assert "\x1b" not in proc.stdout
