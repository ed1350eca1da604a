"""Get-Member -Static, -View, -Force and the .NET definition texts (Get-Member.Tests.ps1 and pwsh 7 output)."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.commands.memberdefs import instance_members, static_members
from pyshell.engine.conversions import to_string
from pyshell.engine.runspace import Runspace


def _run(text: str) -> list[str]:
    rs: Any = Runspace()
    return [to_string(o) for o in rs.run(text)]


@pytest.mark.parametrize(("script", "expected"), [
    # Get-Member.Tests.ps1: "Should be able to be called on IntPtr"
    ("$r = [System.IntPtr] | Get-Member -Type Property -Static | Sort-Object -Property Name; $r.Count; $r.Name",
     ["2", "Size", "Zero"]),
    # "Get the static properties and methods of int instance" (and Wrapped, and New-Object)
    ("$r = 1 | Get-Member -Static; 'MaxValue','MinValue','Parse','TryParse' | % { $_ -in $r.Name }",
     ["True"] * 4),
    ("$r = [pscustomobject]1 | Get-Member -Static; 'MaxValue','MinValue','Parse','TryParse' | % { $_ -in $r.Name }",
     ["True"] * 4),
    ("$o = New-Object -TypeName System.Int32; ($o | Get-Member -Static -Name MaxValue).Definition",
     ["static int MaxValue {get;}"]),
    # New-Object of a value type makes its default value
    ("(New-Object double).GetType().Name; New-Object -TypeName bool", ["Double", "False"]),
    # a type object lists its own statics, typed by the type's name; an instance of it the same
    ("([string] | Get-Member -Static -Name IsNullOrEmpty).Definition; ('a' | Get-Member -Static -Name Empty).TypeName",
     ["static bool IsNullOrEmpty(string value)", "System.String"]),
    ("(Get-Member -InputObject ([datetime]) -Static -MemberType Property).Name -join ','",
     ["MaxValue,MinValue,Now,Today,UnixEpoch,UtcNow"]),
    ("([math] | Get-Member -Static Pow, PI).Definition",
     ["static double Pow(double x, double y)", "static double PI {get;}"]),
    ("([guid] | Get-Member -Static -Name NewGuid).Definition; ([char] | gm -Static IsDigit).Definition",
     ["static guid NewGuid()", "static bool IsDigit(char c), static bool IsDigit(string s, int index)"]),
    ("([timespan] | Get-Member -Static FromSeconds).Definition; ([IO.Path] | gm -Static Combine).MemberType",
     ["static timespan FromSeconds(double value)", "Method"]),
    # constructors show as `new`, without `static`
    ("([timespan] | Get-Member -Static new).Definition.Split(', ')[0]", ["timespan new(long ticks)"]),
    # a type without a table: Object's statics
    ("([pscustomobject]@{a=1} | Get-Member -Static).Name -join ','", ["Equals,ReferenceEquals"]),
    # the static members of one type are listed once
    ("(1, 2, 3 | Get-Member -Static -MemberType Property).Count", ["2"]),
    # instance definitions carry every overload
    ("('a' | Get-Member ToUpper).Definition", ["string ToUpper(), string ToUpper(cultureinfo culture)"]),
    ("('a' | Get-Member -Name Len*, Chars).Name -join ','", ["Chars,Length"]),
    ("(1 | Get-Member CompareTo).Definition", ["int CompareTo(System.Object value), int CompareTo(int value), "
                                               "int IComparable.CompareTo(System.Object obj), "
                                               "int IComparable[int].CompareTo(int other)"]),
    # types.ps1xml's DateTime script property is in the extended view
    ("(Get-Date | Get-Member -MemberType ScriptProperty).Name; "
     "(Get-Date | Get-Member -View Adapted -MemberType ScriptProperty).Count", ["DateTime", "0"]),
    ("$p = Get-Date | Get-Member -MemberType Property; $p.Count; ($p | Where-Object Name -eq Kind).Definition",
     ["15", "System.DateTimeKind Kind {get;}"]),
    ("((New-TimeSpan -Seconds 1) | Get-Member TotalSeconds).Definition", ["double TotalSeconds {get;}"]),
    ("(@{a=1} | Get-Member Keys, Item, ContainsKey).Definition",
     ["bool ContainsKey(System.Object key)", "System.Object Item(System.Object key) {get;set;}",
      "System.Collections.ICollection Keys {get;}"]),
    ("('a' | Get-Member -MemberType Property, ParameterizedProperty).MemberType -join ','",
     ["ParameterizedProperty,Property"]),
    # -Force: the hidden members and the accessor methods
    ("$r = 'abc' | Get-Member -Force; 'psbase','psextended','psadapted','pstypenames','psobject' | % { $_ -in $r.Name }",
     ["True"] * 5),
    ("('abc' | Get-Member -Force get_*).Definition", ["char get_Chars(int index)", "int get_Length()"]),
    ("('abc' | Get-Member get_*).Count", ["0"]),
    # -View: Extended is the note properties, Adapted the .NET members
    ("([pscustomobject]@{a=1} | Get-Member -View Extended).Name", ["a"]),
    ("([pscustomobject]@{a=1} | Get-Member -View Adapted).Name -join ','", ["Equals,GetHashCode,GetType,ToString"]),
    ("([pscustomobject]@{a=1} | Get-Member -View All -MemberType NoteProperty).Name", ["a"]),
    ("('a' | Get-Member -View All).Count -eq ('a' | Get-Member -View Extended, Adapted).Count", ["True"]),
    # -View and -MemberType are enums: other names fail to bind
    ("try { 'a' | Get-Member -View Everything } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetMemberCommand",
      "Cannot bind parameter 'View'. Cannot convert value \"Everything\" to type "
      "\"System.Management.Automation.PSMemberViewTypes\". Error: \"Unable to match the identifier name Everything "
      "to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
      "Extended, Adapted, Base, All\""]),
    ("try { 'a' | Get-Member -MemberType Field } catch { $_.FullyQualifiedErrorId }",
     ["CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetMemberCommand"]),
    ("try { Get-Member -MemberType All -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"]),
])
def test_get_member_pester_cases(script: str, expected: list[str]) -> None:
    assert _run(script) == expected


def test_static_tables_parse_into_rows() -> None:
    rows = {name: (kind, d) for name, kind, d in static_members("System.Text.RegularExpressions.Regex")}
    assert rows["CacheSize"] == ("Property", "static int CacheSize {get;set;}")
    assert rows["Escape"] == ("Method", "static string Escape(string str)")
    assert instance_members("System.Management.Automation.PSCustomObject") is None
    string_rows = instance_members("System.String") or ()
    assert ("Length", "Property", "int Length {get;}") in string_rows
    assert ("ToInt32", "Method", "int IConvertible.ToInt32(System.IFormatProvider provider)") in string_rows
