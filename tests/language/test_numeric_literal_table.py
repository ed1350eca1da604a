"""The "Numerical Notations" table of PowerShell's Parser.Tests.ps1: each literal's value and type."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture(scope="module")
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _rows(type_name: str, text: str) -> list[tuple[str, str, str]]:
    """'literal=value literal=value ...' rows of one expected type."""
    return [(lit, value, type_name) for lit, _, value in (item.partition("=") for item in text.split())]


TABLE = (
    _rows("Int32", "0=0 10=10 -10=-10 +10=10 0x0=0 0x12=18 -0x12=-18 0x80000000=-2147483648 0x7fffffff=2147483647 "
                   "0xFF=255 0xFFFF=65535 0xFFFFFF=16777215 0xFFFFFFFF=-1 0b0=0 0b10=2 -0b10=-2 0b11111111=-1 "
                   "0b1111111111111111=-1 0b11111111111111111111111111111111=-1 1kb=1024 1mb=1048576 1gb=1073741824")
    + _rows("Double", "0.0=0 6.5=6.5 -6.5=-6.5 9.12=9.12 .01=0.01 0e0=0 0e1=0 -0e2=-0 3e0=3 5e-2=0.05 5e2=500 "
                      "-5e-2=-0.05 -5e2=-500")
    + _rows("Int64", "0x100000000=4294967296 0xFFFFFFFFFF=1099511627775 0xFFFFFFFFFFFF=281474976710655 "
                     "0xFFFFFFFFFFFFFF=72057594037927935 0xFFFFFFFFFFFFFFFF=-1 1tb=1099511627776 1pb=1125899906842624 "
                     "0b1111111111111111111111111111111111111111111111111111111111111111=-1 "
                     "0l=0 10l=10 -10l=-10 +10l=10 0.0l=0 2.5l=2 -2.5l=-2 0e0l=0 3e0l=3 -3e0l=-3 3e2l=300 -3e2l=-300 "
                     "0x0l=0 0x41l=65 -0x41l=-65 0b0l=0 0b10l=2 -0b10l=-2 0b11111111l=-1 1lkb=1024 1lmb=1048576 "
                     "1lgb=1073741824 1ltb=1099511627776 1lpb=1125899906842624")
    + _rows("Decimal", "0d=0 100d=100 -100d=-100 +100d=100 0.0d=0.0 1.5d=1.5 -1.5d=-1.5 0e0d=0 15e3d=15000 "
                       "-15e3d=-15000 1dkb=1024 1dmb=1048576 1dgb=1073741824 1dtb=1099511627776 1dpb=1125899906842624")
    + _rows("SByte", "0y=0 10y=10 -10y=-10 +10y=10 0.0y=0 3.72y=4 -3.72y=-4 0e0y=0 3e0y=3 -3e0y=-3 3e1y=30 -3e1y=-30 "
                     "0x0y=0 0x41y=65 -0x41y=-65 0b0y=0 0b10y=2 -0b10y=-2 0b11111111y=-1")
    + _rows("Int16", "0s=0 10s=10 -10s=-10 +10s=10 0.0s=0 3.72s=4 -3.72s=-4 0e0s=0 3e0s=3 -3e0s=-3 3e2s=300 "
                     "-3e2s=-300 0x0s=0 0x41s=65 -0x41s=-65 0b0s=0 0b10s=2 -0b10s=-2 0b11111111s=-1 1skb=1024")
    + _rows("BigInteger", "0n=0 10n=10 -10n=-10 +10n=10 0.0n=0 2.5n=2 -2.5n=-2 0e0n=0 3e2n=300 -3e2n=-300 0x0n=0 "
                          "0x41n=65 -0x41n=-65 0b0n=0 0b10n=2 -0b10n=-2 0b11111111n=-1 1Nkb=1024 1Nmb=1048576 "
                          "1Ngb=1073741824 1Ntb=1099511627776 1Npb=1125899906842624")
    + _rows("UInt32", "0u=0 10u=10 +10u=10 0.0u=0 2.5u=2 0e0u=0 3e2u=300 0x0u=0 0x41u=65 0xFFu=255 0xFFFFu=65535 "
                      "0xFFFFFFu=16777215 0xFFFFFFFFu=4294967295 0b0u=0 0b10u=2 0b11111111u=255 0b1111111111111111u=65535 "
                      "0b11111111111111111111111111111111u=4294967295 1ukb=1024 1umb=1048576 1ugb=1073741824")
    + _rows("UInt64", "0xFFFFFFFFFFu=1099511627775 0xFFFFFFFFFFFFu=281474976710655 0xFFFFFFFFFFFFFFu=72057594037927935 "
                      "0xFFFFFFFFFFFFFFFFu=18446744073709551615 "
                      "0b1111111111111111111111111111111111111111111111111111111111111111u=18446744073709551615 "
                      "1utb=1099511627776 1upb=1125899906842624 0ul=0 10ul=10 +10ul=10 0.0ul=0 2.5ul=2 0e0ul=0 "
                      "3e2ul=300 0x0ul=0 0x41ul=65 0b0ul=0 0b10ul=2 0b11111111ul=255 1ulkb=1024 1ulmb=1048576 "
                      "1ulgb=1073741824 1ultb=1099511627776 1ulpb=1125899906842624")
    + _rows("Byte", "0uy=0 10uy=10 +10uy=10 0.0uy=0 3.72uy=4 0e0uy=0 3e0uy=3 3e1uy=30 0x0uy=0 0x41uy=65 0b0uy=0 "
                    "0b10uy=2 0b11111111uy=255")
    + _rows("UInt16", "0us=0 10us=10 +10us=10 0.0us=0 3.72us=4 0e0us=0 3e0us=3 3e2us=300 0x0us=0 0x41us=65 0b0us=0 "
                      "0b10us=2 0b11111111us=255 1uskb=1024")
)


@pytest.mark.parametrize(("literal", "value", "type_name"), TABLE)
def test_literal_value_and_type(rs: Runspace, literal: str, value: str, type_name: str) -> None:
    assert rs.run(f"$n = {literal}; $n.GetType().Name; [string]$n") == [type_name, value]


NOT_NUMBERS = ["16p", "1_6", "80x", "20ux", "18uu", "21ss", "100ll", "100Il", "100Is", "100un", "100ln", "100sn",
               "100In", "100yu", "150su", "160ud", "160ld", "160yd", "160sd", "160dd", "10ds", "10ud", "16sl", "188lu",
               "10_000ul"]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_malformed_suffixes_are_command_names(rs: Runspace, text: str) -> None:
    out = rs.run(f"try {{ {text} }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == ["CommandNotFoundException"]


@pytest.mark.parametrize("text", ["0xFFFFy", "500sgb", "10000usgb", "10000.0usgb", "1uykb"])
def test_out_of_range_literals_are_parse_errors(rs: Runspace, text: str) -> None:
    out = rs.run(f"try {{ [ScriptBlock]::Create('{text}') }} catch {{ $_.Exception.Message }}")
    assert len(out) == 1 and f"The numeric constant {text} is not valid." in out[0]
