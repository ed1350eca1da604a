"""The zipapp uploaded to hosts without pyshell: every module it carries imports from it alone, with only
the standard library (no third-party package, no file left out), and one process uploads one set of bytes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pyshell.remoting import zipapp
from pyshell.remoting.hostcache import build_key

_CHECK = r"""
import importlib, sys, zipfile
app = sys.argv[1]
sys.path.insert(0, app)
names = sorted(n[:-3].replace('/', '.').removesuffix('.__init__') for n in zipfile.ZipFile(app).namelist()
               if n.startswith('pyshell/') and n.endswith('.py') and n != 'pyshell/__main__.py')
for n in names:
    importlib.import_module(n)
    assert importlib.import_module(n).__file__.startswith(app), n
from pyshell.commands import load_builtins
load_builtins()
from pyshell.script import new_runspace
from pyshell.engine.host import Host
rs = new_runspace(Host())
print(rs.run("[long]5 + 1; [ConsoleColor]::Red; (Get-Command Get-ChildItem).Name")[2])
other = {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names) - {'pyshell', '__main__'}
print(sorted(other))
print(len(names))
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    name, data = zipapp.build_zipapp()
    path = tmp_path_factory.mktemp("zipapp") / name
    path.write_bytes(data)
    return path


def test_every_module_imports_from_the_zipapp_with_the_standard_library_only(app: Path) -> None:
    # -I -S: no site-packages, no user site, no PYTHONPATH: as on a host where pyshell is not installed
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", _CHECK, str(app)], capture_output=True, text=True,
                          timeout=120, cwd=str(app.parent))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Get-ChildItem"
    assert lines[1] == "[]", lines[1]
    assert int(lines[2]) > 100


def test_the_repl_is_left_out_and_the_name_is_the_build_key(app: Path) -> None:
    names = zipfile.ZipFile(app).namelist()
    assert "__main__.py" in names and "pyshell/remoting/agent.py" in names
    assert not [n for n in names if n.startswith("pyshell/repl/")]
    assert app.name == f"agent-{build_key()}.pyz"


def test_one_process_uploads_the_same_bytes_under_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A pool daemon still running from an earlier upload reads the file again at the offsets it knew: a second
    # upload under the same name (after the cache was deleted) must not be rebuilt from changed sources.
    first = zipapp.build_zipapp()
    monkeypatch.setattr(zipapp, "_build", lambda: ("agent-changed.pyz", b"other bytes"))
    assert zipapp.build_zipapp() is first
