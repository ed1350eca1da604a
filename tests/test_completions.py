"""The shell completion scripts in completions/: checked in each shell that is installed here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

COMPLETIONS = Path(__file__).resolve().parents[1] / "completions"

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def _bash(script: str) -> str:
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                          timeout=30, check=True)
    return proc.stdout


def _complete_in_bash(*words: str) -> list[str]:
    """COMPREPLY of the pyshell completion function for a command line whose last word is being completed."""
    quoted = " ".join(f"'{w}'" for w in words)
    out = _bash(f"source '{COMPLETIONS / 'pyshell.bash'}'; COMP_WORDS=(pyshell {quoted}); "
                f"COMP_CWORD={len(words)}; _pyshell; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    return [line for line in out.splitlines() if line]


@needs_bash
def test_bash_script_parses() -> None:
    subprocess.run(["bash", "-n", str(COMPLETIONS / "pyshell.bash")], check=True, timeout=30)


@needs_bash
def test_bash_registers_a_completion_for_pyshell() -> None:
    assert "-F _pyshell pyshell" in _bash(f"source '{COMPLETIONS / 'pyshell.bash'}'; complete -p pyshell")


@needs_bash
def test_bash_completes_options() -> None:
    assert _complete_in_bash("-NoP") == ["-NoProfile"]
    assert set(_complete_in_bash("--")) >= {"--echo", "--demo", "--speed", "--auto"}


@needs_bash
def test_bash_completes_lab_subcommands() -> None:
    assert _complete_in_bash("lab", "st") == ["start", "stop", "status"]
    assert _complete_in_bash("lab", "start", "--h") == ["--hosts"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_parses() -> None:
    subprocess.run(["zsh", "-n", str(COMPLETIONS / "_pyshell")], check=True, timeout=30)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_script_parses_and_completes_lab() -> None:
    subprocess.run(["fish", "--no-execute", str(COMPLETIONS / "pyshell.fish")], check=True, timeout=30)
    out = subprocess.run(["fish", "-c", f"source {COMPLETIONS / 'pyshell.fish'}; complete -C 'pyshell lab s'"],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert "start" in out and "status" in out


def test_every_usage_option_is_offered_by_each_script() -> None:
    from pyshell.cli import USAGE

    texts = {p.name: p.read_text() for p in COMPLETIONS.iterdir()}
    for option in ("NoProfile", "NoLogo", "NonInteractive", "Command", "File", "Version", "Help", "echo", "demo",
                   "speed", "auto", "hosts", "start", "stop", "status"):
        assert option in USAGE
        for name, text in texts.items():
            assert option in text, f"{name} lacks {option}"
