"""The shell completion scripts in completions/: checked in each shell that is installed here."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

COMPLETIONS = Path(__file__).resolve().parents[1] / "completions"
SCRIPTS = ("pyshell.bash", "_pyshell", "pyshell.fish")

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


needs_zsh = pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
needs_fish = pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")


@needs_zsh
def test_zsh_script_parses() -> None:
    subprocess.run(["zsh", "-n", str(COMPLETIONS / "_pyshell")], check=True, timeout=30)


@needs_zsh
def test_zsh_compinit_binds_the_function_to_pyshell(tmp_path: Path) -> None:
    script = (f"fpath=({COMPLETIONS} $fpath); autoload -U compinit; compinit -u -D; "
              "print -r -- ${_comps[pyshell]}; autoload +X _pyshell; whence -w _pyshell")
    out = subprocess.run(["zsh", "-f", "-c", script], capture_output=True, text=True, timeout=30, check=True,
                         env={"HOME": str(tmp_path), "PATH": os.environ["PATH"]}).stdout.split("\n")
    assert out[0] == "_pyshell"
    assert out[1] == "_pyshell: function"


class _Terminal:
    """An interactive shell in a private tmux server (its own socket), read back from the screen."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"pyshell-test-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-x", "160", "-y", "40", "env", "-i",
                   *(f"{k}={v}" for k, v in env.items()), *command)

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30,
                              check=True).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def type(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen or time.monotonic() > deadline:
                return screen
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


@pytest.fixture
def zsh_term(tmp_path: Path) -> Iterator[_Terminal]:
    if shutil.which("zsh") is None or shutil.which("tmux") is None:
        pytest.skip("needs zsh and tmux")
    term = _Terminal(["zsh", "-f"], {"HOME": str(tmp_path), "TERM": "xterm", "PATH": os.environ["PATH"]})
    term.type(f"PS1='zsh%% '; fpath=({COMPLETIONS} $fpath); autoload -U compinit; compinit -u -D; "
              "print compinit-ready", "Enter")
    term.wait_for("\ncompinit-ready")
    yield term
    term.close()


def test_zsh_completes_lab_subcommands_in_a_terminal(zsh_term: _Terminal) -> None:
    zsh_term.type("pyshell lab st", "Tab")
    screen = zsh_term.wait_for("status")
    assert "start" in screen and "stop" in screen and "status" in screen
    assert "show the lab hosts" in screen


def test_zsh_completes_options_in_a_terminal(zsh_term: _Terminal) -> None:
    zsh_term.type("pyshell -NoP", "Tab")
    assert "zsh% pyshell -NoProfile" in zsh_term.wait_for("-NoProfile")
    zsh_term.type("C-u", "pyshell --", "Tab", "Tab")
    screen = zsh_term.wait_for("--speed")
    assert all(option in screen for option in ("--echo", "--demo", "--speed", "--auto"))


def _complete_in_fish(line: str, env: dict[str, str] | None = None, source: bool = True) -> list[str]:
    """The candidates fish offers for the command line (`complete -C`), without their descriptions."""
    script = (f"source {COMPLETIONS / 'pyshell.fish'}; " if source else "") + f"complete -C '{line}'"
    out = subprocess.run(["fish", "-c", script], capture_output=True, text=True, timeout=30, check=True,
                         env=env).stdout
    return [row.split("\t")[0] for row in out.splitlines() if row]


@needs_fish
def test_fish_script_parses() -> None:
    subprocess.run(["fish", "--no-execute", str(COMPLETIONS / "pyshell.fish")], check=True, timeout=30)


@needs_fish
@pytest.mark.parametrize("line, expected", [
    ("pyshell la", ["lab"]),
    ("pyshell lab st", ["start", "status", "stop"]),
    ("pyshell lab start --h", ["--hosts"]),
    ("pyshell -NoP", ["-NoProfile"]),
    ("pyshell --", ["--auto", "--demo", "--echo", "--speed"]),
])
def test_fish_completes(line: str, expected: list[str]) -> None:
    assert _complete_in_fish(line) == expected


def test_install_script_puts_each_script_where_its_shell_looks(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", str(COMPLETIONS / "install.sh")], check=True, timeout=30, env=env, capture_output=True)
    assert (tmp_path / ".local/share/bash-completion/completions/pyshell").read_text() == \
        (COMPLETIONS / "pyshell.bash").read_text()
    assert (tmp_path / ".local/share/zsh/site-functions/_pyshell").is_file()
    assert (tmp_path / ".config/fish/completions/pyshell.fish").is_file()
    if shutil.which("fish") is not None:  # fish finds it by itself, with nothing sourced
        assert _complete_in_fish("pyshell lab st", env=env, source=False) == ["start", "status", "stop"]


def test_install_script_honours_xdg_folders_and_a_shell_choice(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", str(COMPLETIONS / "install.sh"), "fish"], check=True, timeout=30, env=env,
                   capture_output=True)
    assert (tmp_path / "cfg/fish/completions/pyshell.fish").is_file()
    assert not (tmp_path / "data").exists()


def test_every_usage_option_is_offered_by_each_script() -> None:
    from pyshell.cli import USAGE

    texts = {name: (COMPLETIONS / name).read_text() for name in SCRIPTS}
    for option in ("NoProfile", "NoLogo", "NonInteractive", "Command", "File", "Version", "Help", "echo", "demo",
                   "speed", "auto", "hosts", "start", "stop", "status"):
        assert option in USAGE
        for name, text in texts.items():
            assert option in text, f"{name} lacks {option}"
