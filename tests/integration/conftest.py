"""Marks every test under tests/integration with `pytest.mark.integration` (select with -m integration)."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not only this folder's, so filter by path.
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)
