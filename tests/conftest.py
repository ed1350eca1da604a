"""Shared pytest fixtures: the SSH lab (real sshds on 127.0.0.1) for tests that need remote hosts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from pyshell.remoting.lab import Lab, ToolMissingError


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A running lab (Server01, Server02, localhost, Bare01) in a private directory.

    PYSHELL_LAB_DIR points at it for the whole session, so pyshell code and subprocesses
    resolve the lab's host names. Only this lab's own sshd pids are stopped at the end.
    Skips when OpenSSH's sshd or ssh-keygen is not installed.
    """
    directory = str(tmp_path_factory.mktemp("lab"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYSHELL_LAB_DIR", directory)
        running = Lab(directory)
        try:
            running.start(hosts=2)
        except ToolMissingError as exc:
            pytest.skip(f"the SSH lab needs OpenSSH: {exc}")
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture
def openssh() -> None:
    """Skip the test unless sshd and ssh-keygen are installed (for tests that start their own lab)."""
    from pyshell.remoting.lab_files import find_tool

    try:
        find_tool("PYSHELL_SSHD", "sshd", "/usr/sbin/sshd")
        find_tool("PYSHELL_SSH_KEYGEN", "ssh-keygen", "/usr/bin/ssh-keygen")
    except ToolMissingError as exc:
        pytest.skip(f"the SSH lab needs OpenSSH: {exc}")
    if shutil.which("ssh") is None:
        pytest.skip("the SSH lab tests need the ssh client (apt-get install -y openssh-client)")
