"""`python -m pyshell`: the same entry point as the `pyshell` command."""

from __future__ import annotations

import sys

from pyshell.cli import main

sys.exit(main())
