"""The console host's colour rules, in a real pseudo-terminal: $PSStyle.OutputRendering and NO_COLOR."""

from __future__ import annotations

import os
import sys

import pexpect


def _run_in_pty(command: str, env: dict[str, str] | None = None) -> str:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None)
    if env and "NO_COLOR" in env:
        full_env["NO_COLOR"] = env["NO_COLOR"]
    child = pexpect.spawn(sys.executable, ["-m", "pyshell", "-NoProfile", "-c", command], env=full_env,
                          encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    return str(child.before)


def test_warnings_are_yellow_on_a_terminal() -> None:
    assert "\x1b[33;1mWARNING: x" in _run_in_pty("Write-Warning x")


def test_plaintext_rendering_turns_colour_off() -> None:
    out = _run_in_pty("$PSStyle.OutputRendering = 'PlainText'; Write-Warning y")
    assert "WARNING: y" in out
    assert "\x1b[" not in out


def test_no_color_environment_variable_turns_colour_off() -> None:
    out = _run_in_pty("Write-Warning z", env={"NO_COLOR": "1"})
    assert "WARNING: z" in out and "\x1b[" not in out


def test_output_that_is_not_a_terminal_has_no_escape_codes() -> None:
    import subprocess

    r = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-c",
                        "Write-Warning w; [pscustomobject]@{A=1}"], capture_output=True, text=True, timeout=30)
    assert "\x1b[" not in r.stdout + r.stderr
