"""Get-Error: the newest errors (or the piped ones) as #PSExtendedError objects shown in pwsh's detailed view."""

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
    ("@(Get-Error).Count", [0]),  # no errors yet: nothing
    ("try { throw 'boom' } catch {}; (Get-Error).FullyQualifiedErrorId; (Get-Error).pstypenames[0]",
     ["boom", "System.Management.Automation.ErrorRecord#PSExtendedError"]),
    ("try { throw 'a' } catch {}; try { throw 'b' } catch {}; (Get-Error -Newest 2).PSErrorIndex; "
     "(Get-Error -Last 2).Exception.Message", [0, 1, "b", "a"]),
    ("try { throw 'a' } catch {}; $null -eq (Get-Error).PSErrorIndex; @(Get-Error -Newest 5).Count", [True, 1]),
    ("try { throw 'x' } catch { $e = $_ }; ($e | Get-Error).TargetObject; ($e.Exception | Get-Error).pstypenames[0]",
     ["x", "System.Exception#PSExtendedError"]),
    ("'not an error' | Get-Error", []),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_get_error(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_get_error_view(rs: Runspace) -> None:
    text = rs.run("try { throw 'boom' } catch {}; Get-Error | Out-String")[0]
    lines = text.splitlines()
    assert "Exception             : " in lines
    assert "    Type                        : System.Management.Automation.RuntimeException" in lines
    assert "    Message                     : boom" in lines
    assert "FullyQualifiedErrorId : boom" in lines
    assert "CategoryInfo          : OperationStopped: (boom:String) [], RuntimeException" in lines
    assert not any(line.startswith("PSErrorIndex") for line in lines)
    several = rs.run("try { throw 'two' } catch {}; Get-Error -Newest 2 | Out-String")[0]
    assert "   ErrorIndex: 0" in several.splitlines() and "   ErrorIndex: 1" in several.splitlines()


def test_get_error_newest_must_be_positive(rs: Runspace) -> None:
    out = rs.run("try { Get-Error -Newest 0 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetErrorCommand"]


def test_get_error_object_is_still_an_error_record(rs: Runspace) -> None:
    """Get-Error.Tests.ps1: the result is an ErrorRecord (-is tests the wrapped record) whose #PSExtendedError
    type name the detailed view swaps back once it has shown it."""
    out = rs.run("try { 1/0 } catch {}; $err = Get-Error; $err -is [System.Management.Automation.ErrorRecord]; "
                 "$err.PSObject.TypeNames -contains 'System.Management.Automation.ErrorRecord'; "
                 "$null = $err | Out-String; $err.PSObject.TypeNames -contains 'System.Management.Automation.ErrorRecord'; "
                 "$err.PSObject.TypeNames -contains 'System.Management.Automation.ErrorRecord#PSExtendedError'; "
                 "$Error[0].pstypenames -join ','")
    assert out == [True, False, True, False, "System.Management.Automation.ErrorRecord,System.Object"]
    text = rs.run("$e = [Exception]::new('myexception'); $Error.Insert(0, $e); Get-Error | Out-String")[0]
    assert "myexception" in text and "Type    : System.Exception" in text
