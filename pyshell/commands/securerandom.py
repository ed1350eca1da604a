"""Get-SecureRandom: Get-Random's parameters and results, drawn from the OS's cryptographic source.

pwsh 7.4 added it for callers that need unpredictable values; it has no -SetSeed because a seeded
sequence is exactly what it must not be. The number and list logic is Get-Random's (subclassed).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from pyshell.commands.system import GetRandom
from pyshell.engine.cmdlet import command


@command("Get-SecureRandom", default_set="RandomNumberParameterSet")
class GetSecureRandom(GetRandom):
    """Gets a cryptographically secure random number, or selects objects randomly from a collection."""

    def begin(self) -> Iterable[Any]:
        self.rng: random.Random = random.SystemRandom()  # os.urandom underneath; ignores seeding
        self.items: list[Any] = []
        return ()


GetSecureRandom.params.pop("SetSeed", None)  # pwsh's Get-SecureRandom has no -SetSeed
