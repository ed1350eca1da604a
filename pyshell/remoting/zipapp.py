"""The installed pyshell package as a zipapp, uploaded to hosts whose python3 cannot import pyshell."""

from __future__ import annotations

import io
import os
import zipfile

from pyshell.remoting.hostcache import build_key

__all__ = ["build_zipapp"]


def build_zipapp() -> tuple[str, bytes]:
    """The installed pyshell package as a zipapp (`python3 agent.pyz --agent`): (file name, bytes)."""
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
