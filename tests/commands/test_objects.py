"""Select/Sort/Group/Measure/Tee/Compare/Get-Unique/Get-Member/New-Object/Add-Member, driven directly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pyshell.commands.compare import CompareObject
from pyshell.commands.getmember import GetMember
from pyshell.commands.grouping import GroupInfo, GroupObject
from pyshell.commands.measure import (
    GenericMeasureInfo,
    GenericObjectMeasureInfo,
    MeasureObject,
    TextMeasureInfo,
)
from pyshell.commands.members import AddMember, NewObject
from pyshell.commands.objects import SelectObject
from pyshell.commands.sorting import GetUnique, SortObject
from pyshell.commands.tee import TeeObject
from pyshell.engine.calculated import PropertyError, compare_values, parse_property_specs, resolve_properties
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import Hashtable, PSObject, get_property, type_names
from pyshell.errors import PyshellError

Run = Any  # the `run` fixture: run(CommandClass, inputs, **parameters) -> Result

def obj(**props: Any) -> PSObject:
    return PSObject(props.items())


def props(o: PSObject) -> dict[str, Any]:
    return dict(o.properties.items())


class Thing:
    PS_TYPE_NAMES = ("Test.Thing", "System.Object")
    PS_PROPERTIES = ("Name", "Size")
    PS_METHODS = ("Grow",)

    def __init__(self, name: str, size: int) -> None:
        self.Name = name
        self.Size = size

    def Grow(self) -> None:  # noqa: N802
        self.Size += 1


# -- calculated properties ----------------------------------------------------------------------

def test_calculated_property_keys_accept_prefixes_and_label(rs: Any) -> None:
    specs = parse_property_specs([Hashtable({"n": "Twice", "e": lambda o: o * 2}),
                                  Hashtable({"l": "Same", "Expression": "Length"})])
    assert [s.label for s in specs] == ["Twice", "Same"]
    cols = resolve_properties(rs, specs, "abc")
    assert [(n, get("abc")) for n, get in cols] == [("Twice", "abcabc"), ("Same", 3)]


@pytest.mark.parametrize("table, message", [
    ({"foo": 1, "e": "x"}, "The foo key is not valid."),
    ({"n": "x"}, "A mandatory entry for Expression is missing."),
    ({"n": "a", "name": "b", "e": "x"}, 'The duplicated key "name" conflicts with "n".'),
])
def test_bad_calculated_property_is_rejected_with_powershell_message(table: dict[str, Any], message: str) -> None:
    with pytest.raises(PropertyError) as info:
        parse_property_specs([Hashtable(table)])
    assert info.value.message == message


def test_wildcards_expand_and_exclusions_apply(rs: Any) -> None:
    o = obj(Name="x", Number=1, Other=2)
    assert [n for n, _ in resolve_properties(rs, ["N*"], o)] == ["Name", "Number"]
    assert [n for n, _ in resolve_properties(rs, ["*"], o, exclude=["O*"])] == ["Name", "Number"]
    assert [n for n, _ in resolve_properties(rs, ["Z*"], o)] == []


def test_compare_values_orders_null_first_and_numbers_numerically() -> None:
    assert compare_values(None, 1) < 0
    assert compare_values(10, 9) > 0
    assert compare_values("a", "B") < 0
    assert compare_values("a", "A", case_sensitive=True) < 0
    assert compare_values(1, "abc") < 0  # not comparable as numbers: compared as strings


# -- Select-Object -------------------------------------------------------------------------------

def test_select_properties_makes_selected_pscustomobject(run: Run) -> None:
    r = run(SelectObject, [Thing("a", 1)], Property=["Name", "Missing"])
    (o,) = r.output
    assert props(o) == {"Name": "a", "Missing": None}
    assert o.type_names == ["Selected.Test.Thing", "System.Management.Automation.PSCustomObject", "System.Object"]


def test_select_calculated_property_runs_scriptblock(run: Run) -> None:
    spec = Hashtable({"Name": "Double", "Expression": lambda o: o.Size * 2})
    r = run(SelectObject, [Thing("a", 4)], Property=["Name", spec])
    assert props(r.output[0]) == {"Name": "a", "Double": 8}


def test_select_first_stops_upstream_after_n(run: Run) -> None:
    r = run(SelectObject, range(1, 1000), First=3)
    assert r.output == [1, 2, 3]
    assert r.pulled == 3


@pytest.mark.parametrize("params, expected", [
    ({"Last": 2}, [9, 10]),
    ({"Skip": 7}, [8, 9, 10]),
    ({"First": 2, "Skip": 3}, [4, 5]),
    ({"Last": 3, "Skip": 1}, [7, 8, 9]),
    ({"First": 2, "Last": 2}, [1, 2, 9, 10]),
    ({"SkipLast": 8}, [1, 2]),
    ({"Index": [5, 2]}, [3, 6]),
    ({"SkipIndex": [0, 9]}, [2, 3, 4, 5, 6, 7, 8, 9]),
])
def test_select_counting_parameters(run: Run, params: dict[str, Any], expected: list[int]) -> None:
    assert run(SelectObject, range(1, 11), **params).output == expected


def test_select_unique_is_case_sensitive_and_keeps_first(run: Run) -> None:
    assert run(SelectObject, ["a", "A", "a", "b"], Unique=True).output == ["a", "A", "b"]


def test_select_unique_on_selected_objects_compares_properties(run: Run) -> None:
    r = run(SelectObject, [obj(a=1, b=1), obj(a=1, b=2), obj(a=2, b=3)], Property=["a"], Unique=True)
    assert [props(o) for o in r.output] == [{"a": 1}, {"a": 2}]


def test_select_expand_property_enumerates_and_skips_nulls(run: Run) -> None:
    r = run(SelectObject, [obj(Items=[1, None, 2]), obj(Items=3)], ExpandProperty="Items")
    assert r.output == [1, 2, 3]


def test_select_expand_property_with_property_adds_notes(run: Run) -> None:
    r = run(SelectObject, [obj(Name="n", Items=["x"])], ExpandProperty="Items", Property=["Name"])
    (o,) = r.output
    assert to_string(o) == "x" and get_property(o, "Name") == "n"
    assert type_names(o)[0] == "System.String"


def test_select_expand_missing_property_is_a_non_terminating_error(run: Run) -> None:
    r = run(SelectObject, [obj(a=1), obj(b=2)], ExpandProperty="b")
    assert r.output == [2]
    assert r.messages == ['Property "b" cannot be found.']
    assert r.errors[0].FullyQualifiedErrorId == "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand"


def test_select_exclude_property_implies_star(run: Run) -> None:
    r = run(SelectObject, [obj(a=1, b=2, c=3)], ExcludeProperty=["b"])
    assert props(r.output[0]) == {"a": 1, "c": 3}


def test_select_duplicate_property_reports_error(run: Run) -> None:
    r = run(SelectObject, [obj(a=1)], Property=["a", "A"])
    assert props(r.output[0]) == {"a": 1}
    assert r.messages == ['The property cannot be processed because the property "A" already exists.']


def test_select_first_on_pscustomobject_marks_it_selected(run: Run) -> None:
    o = obj(a=1)
    run(SelectObject, [o], First=1)
    assert o.type_names[0] == "Selected.System.Management.Automation.PSCustomObject"


def test_select_skips_null_input(run: Run) -> None:
    assert run(SelectObject, [None, 1], Property=["x"]).output[0].properties["x"] is None
    assert len(run(SelectObject, [None, 1], Property=["x"]).output) == 1


# -- Sort-Object ---------------------------------------------------------------------------------

def test_sort_numbers_and_strings(run: Run) -> None:
    assert run(SortObject, [3, 1, 2]).output == [1, 2, 3]
    assert run(SortObject, ["b", "C", "a"]).output == ["a", "b", "C"]
    assert run(SortObject, [3, 1, 2], Descending=True).output == [3, 2, 1]


def test_sort_is_stable_and_puts_null_first(run: Run) -> None:
    items = [obj(k=2, i=0), obj(k=None, i=1), obj(k=1, i=2), obj(k=2, i=3), obj(k=1, i=4)]
    r = run(SortObject, items, Property=["k"])
    assert [o.properties["i"] for o in r.output] == [1, 2, 4, 0, 3]


def test_sort_missing_property_sorts_last_both_ways(run: Run) -> None:
    items = [obj(x=1), obj(y=0), obj(x=2)]
    asc = run(SortObject, items, Property=["x"]).output
    desc = run(SortObject, items, Property=["x"], Descending=True).output
    assert "y" in asc[-1].properties and "y" in desc[-1].properties
    assert [o.properties.get("x") for o in desc[:2]] == [2, 1]


def test_sort_hashtable_direction_per_key(run: Run) -> None:
    items = [obj(a=1, b=1), obj(a=1, b=2), obj(a=0, b=5)]
    spec = [Hashtable({"Expression": "a", "Descending": True}), Hashtable({"e": "b", "Ascending": True})]
    r = run(SortObject, items, Property=spec)
    assert [(o.properties["a"], o.properties["b"]) for o in r.output] == [(1, 1), (1, 2), (0, 5)]


def test_sort_by_scriptblock_unique_top_bottom(run: Run) -> None:
    assert run(SortObject, ["bb", "a", "ccc"], Property=[lambda s: len(s)]).output == ["a", "bb", "ccc"]
    assert run(SortObject, ["b", "A", "a", "B"], Unique=True).output == ["A", "b"]
    assert run(SortObject, ["b", "A", "a"], Unique=True, CaseSensitive=True).output == ["a", "A", "b"]
    assert run(SortObject, [5, 3, 9, 1], Top=2).output == [1, 3]
    assert run(SortObject, [5, 3, 9, 1], Bottom=2).output == [5, 9]


def test_sort_mixed_types_fall_back_to_strings(run: Run) -> None:
    assert run(SortObject, [2, "a", 1]).output == [1, 2, "a"]


# -- Group-Object --------------------------------------------------------------------------------

def test_group_by_property_sorted_groups(run: Run) -> None:
    items = [obj(k="b", v=1), obj(k="a", v=2), obj(k="B", v=3)]
    r = run(GroupObject, items, Property=["k"])
    assert [(g.Name, g.Count, [o.properties["v"] for o in g.Group]) for g in r.output] == [("a", 1, [2]), ("b", 2, [1, 3])]
    assert r.output[0].Values == ["a"]
    assert type_names(r.output[0])[0] == "Microsoft.PowerShell.Commands.GroupInfo"


def test_group_mixed_types_keep_first_seen_order(run: Run) -> None:
    r = run(GroupObject, [2, "x", 1, 2])
    assert [g.Name for g in r.output] == ["2", "x", "1"]


def test_group_multiple_keys_joined_name_and_case_sensitive(run: Run) -> None:
    items = [obj(a=1, b="x"), obj(a=1, b="X")]
    assert [g.Name for g in run(GroupObject, items, Property=["a", "b"]).output] == ["1, x"]
    assert len(run(GroupObject, items, Property=["a", "b"], CaseSensitive=True).output) == 2


def test_group_no_element_and_as_hashtable(run: Run) -> None:
    r = run(GroupObject, [1, 1, 2], NoElement=True)
    assert [(g.Name, g.Count, g.Group) for g in r.output] == [("1", 2, []), ("2", 1, [])]
    (table,) = run(GroupObject, ["a", "bb", "cc"], Property=[lambda s: len(s)], AsHashTable=True).output
    assert isinstance(table, Hashtable) and table[2] == ["bb", "cc"]
    (table,) = run(GroupObject, [1, 2], AsHashTable=True, AsString=True).output
    assert list(table.keys()) == ["1", "2"]


def test_group_as_string_needs_as_hashtable(run: Run) -> None:
    with pytest.raises(PyshellError, match="AsString parameter requires"):
        run(GroupObject, [1], AsString=True)


def test_groupinfo_shape() -> None:
    assert GroupInfo.PS_PROPERTIES == ("Count", "Name", "Group", "Values")


# -- Measure-Object ------------------------------------------------------------------------------

def test_measure_sum_is_double(run: Run) -> None:
    (m,) = run(MeasureObject, [1, 2, 3], Sum=True).output
    assert isinstance(m, GenericMeasureInfo)
    assert (m.Count, m.Sum, m.Average, m.Maximum) == (3, 6.0, None, None)
    assert isinstance(m.Sum, float) and to_string(m.Sum) == "6"


def test_measure_allstats_sample_standard_deviation(run: Run) -> None:
    (m,) = run(MeasureObject, [1, 2, 3], AllStats=True).output
    assert (m.Count, m.Sum, m.Average, m.Maximum, m.Minimum, m.StandardDeviation) == (3, 6.0, 2.0, 3.0, 1.0, 1.0)


def test_measure_no_input_counts_zero(run: Run) -> None:
    (m,) = run(MeasureObject, [], Sum=True).output
    assert (m.Count, m.Sum) == (0, 0.0)


def test_measure_property_and_missing_property(run: Run) -> None:
    r = run(MeasureObject, [obj(n=2), obj(n=4), obj(m=1)], Property=["n", "zzz"], Average=True)
    assert [(m.Property, m.Count, m.Average) for m in r.output] == [("n", 2, 3.0)]


def test_measure_strings_give_object_measure_info(run: Run) -> None:
    (m,) = run(MeasureObject, ["pear", "apple"], Maximum=True, Minimum=True).output
    assert isinstance(m, GenericObjectMeasureInfo)
    assert (m.Maximum, m.Minimum) == ("pear", "apple")


def test_measure_non_numeric_sum_is_an_error(run: Run) -> None:
    r = run(MeasureObject, [1, "x"], Sum=True)
    assert r.messages == ['Input object "x" is not numeric.']
    assert r.output[0].Sum is None


def test_measure_text(run: Run) -> None:
    (m,) = run(MeasureObject, ["One two", "three\nfour five"], Line=True, Word=True, Character=True).output
    assert isinstance(m, TextMeasureInfo)
    assert (m.Lines, m.Words, m.Characters, m.Property) == (3, 5, 22, None)
    (m,) = run(MeasureObject, ["a b"], Character=True, IgnoreWhiteSpace=True).output
    assert (m.Lines, m.Words, m.Characters) == (None, None, 2)


# -- Tee-Object ----------------------------------------------------------------------------------

def test_tee_variable_and_passthrough(run: Run, rs: Any) -> None:
    r = run(TeeObject, [1, 2], Variable="v")
    assert r.output == [1, 2] and rs.variables["v"] == [1, 2]
    run(TeeObject, [3], Variable="w")
    assert rs.variables["w"] == 3


def test_tee_file_and_append(run: Run, tmp_path: Any) -> None:
    run(TeeObject, ["a", "b"], FilePath="out.txt")
    run(TeeObject, ["c"], FilePath="out.txt", Append=True)
    text = (tmp_path / "out.txt").read_text()
    assert text.split() == ["a", "b", "c"]


def test_tee_missing_directory_fails(run: Run) -> None:
    with pytest.raises(PyshellError, match="Could not find a part of the path"):
        run(TeeObject, ["a"], FilePath="nope/out.txt")


# -- Compare-Object, Get-Unique ------------------------------------------------------------------

def test_compare_object_side_indicators(run: Run) -> None:
    r = run(CompareObject, ReferenceObject=[1, 2, 3], DifferenceObject=[2, 3, 4])
    assert [(props(o)["InputObject"], props(o)["SideIndicator"]) for o in r.output] == [(4, "=>"), (1, "<=")]
    r = run(CompareObject, [2, 3, 4], ReferenceObject=[1, 2, 3], IncludeEqual=True)
    assert [props(o)["SideIndicator"] for o in r.output] == ["==", "==", "=>", "<="]
    r = run(CompareObject, ReferenceObject=["a"], DifferenceObject=["A"])
    assert r.output == []


def test_compare_object_property_and_passthru(run: Run) -> None:
    r = run(CompareObject, ReferenceObject=[obj(n=1, x="r")], DifferenceObject=[obj(n=2, x="d")], Property=["n"])
    assert [props(o) for o in r.output] == [{"n": 2, "SideIndicator": "=>"}, {"n": 1, "SideIndicator": "<="}]
    r = run(CompareObject, ReferenceObject=["a"], DifferenceObject=["b"], PassThru=True)
    assert [to_string(o) for o in r.output] == ["b", "a"]
    assert get_property(r.output[0], "SideIndicator") == "=>"


def test_get_unique_adjacent_only(run: Run) -> None:
    assert run(GetUnique, [1, 1, 2, 1]).output == [1, 2, 1]
    assert run(GetUnique, ["a", "A"]).output == ["a", "A"]
    assert run(GetUnique, ["a", "A"], CaseInsensitive=True).output == ["a"]
    assert run(GetUnique, [1, "x", 2], OnType=True).output == [1, "x", 2]


# -- Get-Member ----------------------------------------------------------------------------------

def test_get_member_pscustomobject(run: Run) -> None:
    r = run(GetMember, [obj(b="x", a=1), obj(c=None)])
    rows = [(m.Name, m.MemberType, m.Definition) for m in r.output]
    assert rows == [
        ("Equals", "Method", "bool Equals(System.Object obj)"),
        ("GetHashCode", "Method", "int GetHashCode()"),
        ("GetType", "Method", "type GetType()"),
        ("ToString", "Method", "string ToString()"),
        ("a", "NoteProperty", "int a=1"),
        ("b", "NoteProperty", "string b=x"),
    ]
    assert {m.TypeName for m in r.output} == {"System.Management.Automation.PSCustomObject"}


def test_get_member_class_properties_and_filters(run: Run) -> None:
    r = run(GetMember, [Thing("a", 1)], MemberType=["Property"])
    assert [(m.Name, m.Definition) for m in r.output] == [("Name", "string Name {get;set;}"),
                                                           ("Size", "int Size {get;set;}")]
    r = run(GetMember, [Thing("a", 1)], Name=["G*"])
    assert [m.Name for m in r.output] == ["GetHashCode", "GetType", "Grow"]


def test_get_member_one_group_per_type(run: Run) -> None:
    r = run(GetMember, [1, 2, "x"], MemberType=["Properties"])
    assert [(m.TypeName, m.Name) for m in r.output] == [("System.String", "Length")]


def test_get_member_without_input_errors(run: Run) -> None:
    r = run(GetMember, [])
    assert r.messages == ["You must specify an object for the Get-Member cmdlet."]


# -- New-Object, Add-Member ----------------------------------------------------------------------

def test_new_object_psobject_with_properties(run: Run) -> None:
    (o,) = run(NewObject, TypeName="PSObject", Property=Hashtable({"a": 1, "b": 2})).output
    assert props(o) == {"a": 1, "b": 2}
    assert o.type_names[0] == "System.Management.Automation.PSCustomObject"
    with pytest.raises(PyshellError, match=r"Cannot find type \[Foo.Bar\]"):
        run(NewObject, TypeName="Foo.Bar")


def test_add_member_note_property_forms(run: Run) -> None:
    o = obj(a=1)
    assert run(AddMember, [o], MemberType="NoteProperty", Name="b", Value=2).output == []
    run(AddMember, [o], NotePropertyName="c", NotePropertyValue=3)
    run(AddMember, [o], NotePropertyMembers=Hashtable({"d": 4}))
    assert props(o) == {"a": 1, "b": 2, "c": 3, "d": 4}
    errors = run(AddMember, [o], NotePropertyName="a", NotePropertyValue=0).errors  # non-terminating, as in pwsh
    assert 'name "a" because a member with that name already exists' in errors[0].Exception.Message
    run(AddMember, [o], NotePropertyName="a", NotePropertyValue=0, Force=True)
    assert o.properties["a"] == 0


def test_add_member_passthru_wraps_values_and_adds_type_name(run: Run) -> None:
    (s,) = run(AddMember, ["text"], NotePropertyName="n", NotePropertyValue=1, PassThru=True,
               TypeName="My.Type").output
    assert to_string(s) == "text" and get_property(s, "n") == 1 and type_names(s)[0] == "My.Type"
    t = Thing("a", 1)
    run(AddMember, [t], NotePropertyName="extra", NotePropertyValue=dt.date(2020, 1, 1))
    assert get_property(t, "extra") == dt.date(2020, 1, 1)


# -- end to end, through the real engine ---------------------------------------------------------

def _engine() -> Any:
    runspace = pytest.importorskip("pyshell.engine.runspace")
    return runspace.Runspace()


def test_engine_measure_sum_prints_like_pwsh() -> None:
    rs = _engine()
    (m,) = rs.run("1..5 | Measure-Object -Sum")
    assert (m.Count, m.Sum) == (5, 15.0)
    assert rs.run('"$((1..3 | measure -sum).Sum)"') == ["6"]


def test_engine_select_first_stops_an_endless_upstream() -> None:
    rs = _engine()
    assert rs.run("1..100000000 | ForEach-Object { $_ * 2 } | Select-Object -First 3") == [2, 4, 6]


def test_engine_calculated_properties_and_sorting() -> None:
    rs = _engine()
    out = rs.run("1..4 | % { [pscustomobject]@{n=$_; odd=$_ % 2} } | sort odd, @{e='n'; Descending=$true} | "
                 "select n, @{l='twice'; e={$_.n * 2}}")
    assert [(o.properties["n"], o.properties["twice"]) for o in out] == [(4, 8), (2, 4), (3, 6), (1, 2)]


def test_engine_group_and_get_member() -> None:
    rs = _engine()
    groups = rs.run("'a','b','a' | Group-Object")
    assert [(g.Name, g.Count) for g in groups] == [("a", 2), ("b", 1)]
    rows = rs.run("[pscustomobject]@{x=1} | Get-Member -MemberType NoteProperty")
    assert [(m.Name, m.Definition) for m in rows] == [("x", "int x=1")]
