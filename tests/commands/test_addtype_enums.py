"""Add-Type with C# enum declarations (BNotOperator.Tests.ps1, Sort-Object/Measure-Object tests compile enums
this way), -AssemblyName, and its errors for what pyshell cannot compile."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    ("Add-Type 'public enum TAE1 : byte { A = 1, B }'; [TAE1]::B; [TAE1]::B.value__; [TAE1]::A.GetType().FullName; "
     "[enum]::GetUnderlyingType([TAE1]).Name", ["B", 2, "TAE1", "Byte"]),
    ("$t = Add-Type -TypeDefinition 'namespace TAN1 { [System.Flags] public enum F : uint { X = 1, Y = 2, XY = X | Y, "
     "Z = 1 << 3 } }' -PassThru; $t.FullName; $t.IsEnum; [TAN1.F]'X,Y'; [TAN1.F]::Z.value__",
     ["TAN1.F", True, "XY", 8]),
    # comments, a file-scoped namespace, negative and hex values, several enums in one source
    ("Add-Type @'\nnamespace TAN2;\n// first\npublic enum A { M = -1, N = 0x10 } /* second */ public enum B { P }\n'@; "
     "[TAN2.A]::M.value__; [TAN2.A]::N.value__; [TAN2.B]::P", [-1, 16, "P"]),
    ("Add-Type 'public enum PipelineStateT{NotStarted,Running,Stopping}'; [PipelineStateT]'Running' -lt 'Stopping'; "
     "(-bnot [PipelineStateT]::Running).GetType().Name", [True, "PipelineStateT"]),
    # the same definition twice is fine (pwsh reuses the compiled type)
    ("Add-Type 'public enum TAE2 { A }'; Add-Type 'public enum TAE2 { A }'; [TAE2]::A", ["A"]),
    ("Add-Type -AssemblyName System.Web; 'loaded'", ["loaded"]),
    ("$null -eq ([System.Management.Automation.PSTypeName]'NoSuchTypeT').Type; "
     "([System.Management.Automation.PSTypeName]'int').Type.FullName", [True, "System.Int32"]),
    ("[System.Runtime.InteropServices.Marshal]::SizeOf([type][byte]); [System.Runtime.InteropServices.Marshal]::SizeOf([long])",
     [1, 8]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_add_type_enums(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


ERRORS = [
    ("Add-Type 'public class TAC { }'", "Cannot add type. Only enum declarations can be compiled by pyshell's Add-Type; "
     "classes, structs, interfaces and delegates are not supported.", "COMPILER_ERRORS"),
    ("Add-Type 'public enum TAE3 : byte { A = 300 }'",
     "Cannot add type. Constant value '300' cannot be converted to a 'byte'.", "COMPILER_ERRORS"),
    ("Add-Type 'public enum TAE4 { A }'; Add-Type 'public enum TAE4 { B }'",
     "Cannot add type. The type name 'TAE4' already exists.", "TYPE_ALREADY_EXISTS"),
    ("Add-Type 'public enum TAE5 { A = Q }'", "Cannot add type. The name 'Q' does not exist in the current context.",
     "COMPILER_ERRORS"),
    ("[System.Runtime.InteropServices.Marshal]::SizeOf([datetime])", 'Exception calling "SizeOf" with "1" argument(s): '
     '"Type \'System.DateTime\' cannot be marshaled as an unmanaged structure; no meaningful size or offset can be '
     'computed."', "ArgumentException"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERRORS)
def test_add_type_errors(rs: Runspace, src: str, message: str, error_id: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out[0] == message
    assert out[1].split(",")[0] == error_id
