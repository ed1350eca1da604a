"""A dot-sourced script sees its own $PSScriptRoot / $PSCommandPath, and its caller gets its own back afterwards
(modules dot-sourcing `$PSScriptRoot/Public/*.ps1` one after another rely on it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_dot_sourcing_restores_the_callers_script_root(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "in.ps1").write_text('"inner: $(Split-Path -Leaf $PSScriptRoot) $(Split-Path -Leaf $PSCommandPath)"\n')
    (tmp_path / "out.ps1").write_text('. $PSScriptRoot/sub/in.ps1\n. $PSScriptRoot/sub/in.ps1\n'
                                      '"outer: $(Split-Path -Leaf $PSScriptRoot) $(Split-Path -Leaf $PSCommandPath)"\n')
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-File", str(tmp_path / "out.ps1")],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == ["inner: sub in.ps1", "inner: sub in.ps1", f"outer: {tmp_path.name} out.ps1"]
    assert done.stderr == ""
