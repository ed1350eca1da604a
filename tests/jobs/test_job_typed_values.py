"""Typed numbers and enums through a job's wire: pwsh keeps Int64/Decimal/Byte, and an enum comes back as
its Int32 value wearing Deserialized.<enum> type names, shown (and ToString()) by its name."""

from __future__ import annotations

from pyshell.engine.host import CollectingHost
from pyshell.engine.objects import PSObject
from pyshell.script import new_runspace
from pyshell.wire import deserialize, serialize


def _rs():
    return new_runspace(CollectingHost())


def test_an_enum_round_trips_as_its_number_with_deserialized_type_names():
    rs = _rs()
    red = rs.run("[ConsoleColor]::Red")[0]
    back = deserialize(serialize(red))
    assert isinstance(back, PSObject) and back.base == 12 and back.text == "Red"
    assert back.type_names == ["Deserialized.System.ConsoleColor", "Deserialized.System.Enum",
                               "Deserialized.System.ValueType", "Deserialized.System.Object"]
    rs.set_variable("x", back)
    assert rs.run("$x.GetType().Name; $x.ToString(); \"$x\"; $x + 1; $x -eq 12; [ConsoleColor]$x") == [
        "Int32", "Red", "Red", 13, True, "Red"]


def test_an_enum_property_of_an_object_keeps_its_name_and_number():
    rs = _rs()
    obj = rs.run("[pscustomobject]@{ C = [ConsoleColor]::Green }")[0]
    rs.set_variable("o", deserialize(serialize(obj)))
    assert rs.run("$o.C.GetType().Name; $o.C.ToString(); $o.C -eq 10; $o.GetType().FullName") == [
        "Int32", "Green", True, "System.Management.Automation.PSObject"]


def test_typed_values_from_a_process_job():
    rs = _rs()
    out = rs.run("Start-Job { [long]5; [ConsoleColor]::Red; 1.5d; [byte]3; [float]1.5; "
                 "[System.IO.FileAttributes]'ReadOnly, Hidden' } | Receive-Job -Wait -AutoRemoveJob | "
                 "ForEach-Object { $_.GetType().Name + ' ' + $_.ToString() }")
    assert out == ["Int64 5", "Int32 Red", "Decimal 1.5", "Byte 3", "Single 1.5", "Int32 ReadOnly, Hidden"]


def test_an_enum_shows_by_name_at_the_console():
    rs = _rs()
    assert rs.run("Start-Job { [ConsoleColor]::Red } | Receive-Job -Wait -AutoRemoveJob | Out-String") == ["Red\n"]


def test_using_an_enum_in_a_job():
    rs = _rs()
    assert rs.run("$c = [ConsoleColor]::Blue; Start-Job { $using:c; ($using:c).GetType().Name } | "
                  "Receive-Job -Wait -AutoRemoveJob | ForEach-Object { \"$_\" }") == ["Blue", "Int32"]


def test_a_deserialized_enum_sent_again_stays_a_number():
    rs = _rs()
    once = deserialize(serialize(rs.run("[ConsoleColor]::Blue")[0]))
    twice = deserialize(serialize(once))
    assert isinstance(twice, PSObject) and twice.base == 9 and twice.text == "Blue"
    assert twice.type_names == once.type_names
