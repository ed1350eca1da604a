"""The installed pyshell package as a zipapp, uploaded to hosts whose python3 cannot import pyshell."""

from __future__ import annotations

import io
import os
import zipfile

from pyshell.remoting.hostcache import build_key

__all__ = ["build_zipapp"]


#: this process's zipapp, built once: every upload of one name must carry the same bytes, or a pool daemon
#: still running from an earlier upload of that name would read the new file at the old one's offsets
_BUILT: list[tuple[str, bytes]] = []


def build_zipapp() -> tuple[str, bytes]:
    """The installed pyshell package as a zipapp (`python3 agent.pyz --agent`): (file name, bytes).

    Built on the first call and kept: the sources may change under a running shell (an upgrade), while the
    name (`build_key`) was fixed when remoting first needed it.
    """
    if not _BUILT:
        _BUILT.append(_build())
    return _BUILT[0]


def _build() -> tuple[str, bytes]:
    import pyshell

    root = os.path.dirname(os.path.abspath(pyshell.__file__))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "repl"))
            for f in sorted(files):
                if f.endswith(".py"):
                    full = os.path.join(folder, f)
                    arc = os.path.join("pyshell", os.path.relpath(full, root))
                    zf.writestr(zipfile.ZipInfo(arc, (2020, 1, 1, 0, 0, 0)), open(full, "rb").read())
        zf.writestr(zipfile.ZipInfo("__main__.py", (2020, 1, 1, 0, 0, 0)),
                    "import sys\nfrom pyshell.cli import main\nraise SystemExit(main(sys.argv[1:]))\n")
    data = buf.getvalue()
    return f"agent-{build_key()}.pyz", data
