"""Out-Default: views, the table-or-list choice, streaming, mixed objects, remote objects."""

from __future__ import annotations

import datetime as dt

import pytest
from formatting_fakes import FakeJob, FakeProcess, FakeSession, lines, remote

from pyshell.engine.objects import Hashtable, OrderedHashtable, PSObject
from pyshell.formatting import OutDefault, format_text

JOB_HEADER = [
    "Id     Name            PSJobTypeName   State         HasMoreData     Location             Command",
    "--     ----            -------------   -----         -----------     --------             -------",
]


def test_job_view_matches_pwsh_at_120_columns() -> None:
    jobs = [
        FakeJob(1, "Job1", "BackgroundJob", "Completed", True, "localhost", " Get-Process -Name pwsh"),
        FakeJob(3, "Job3", "BackgroundJob", "Running", True, "localhost", "Get-ChildItem -Recurse /home/user/src"),
        FakeJob(5, "nightly", "RemoteJob", "Failed", False, "web01,web02,db01", " Get-Service -Name sshd"),
        FakeJob(9, "Job9", "ThreadJob", "NotStarted", False, "PowerShell", ' 1..100 | % { sleep 1; "$_" }'),
        FakeJob(14, "Job14", "BackgroundJob", "Running", True, "localhost", "\n Get-Date\n"),
    ]
    assert lines(jobs) == [""] + JOB_HEADER + [
        "1      Job1            BackgroundJob   Completed     True            localhost             Get-Process -Name pwsh",
        "3      Job3            BackgroundJob   Running       True            localhost            Get-ChildItem -Recurse /…",
        "5      nightly         RemoteJob       Failed        False           web01,web02,db01      Get-Service -Name sshd",
        '9      Job9            ThreadJob       NotStarted    False           PowerShell            1..100 | % { sleep 1; "…',
        "14     Job14           BackgroundJob   Running       True            localhost            …",
        "",
    ]


def test_child_jobs_have_an_empty_type_name() -> None:
    jobs = [
        FakeJob(1, "Job1", "BackgroundJob", "Running", True, "localhost", ' Start-Sleep 30; "done"'),
        FakeJob(2, "Job2", "", "Running", True, "localhost", ' Start-Sleep 30; "done"'),
    ]
    assert lines(jobs)[3:5] == [
        '1      Job1            BackgroundJob   Running       True            localhost             Start-Sleep 30; "done"',
        '2      Job2                            Running       True            localhost             Start-Sleep 30; "done"',
    ]


def test_job_table_in_80_columns_hides_command_and_trims_location() -> None:
    jobs = [
        FakeJob(1, "Job1", "BackgroundJob", "Running", True, "localhost", "Start-Sleep 30"),
        FakeJob(2, "Job2", "", "Running", True, "localhost", "Start-Sleep 30"),
    ]
    # the console uses 79 of 80 columns: Location gets 79 - 69 = 10, and is padded (Command, hidden, is last)
    assert lines(jobs, 80) == [
        "",
        "Id     Name            PSJobTypeName   State         HasMoreData     Location",
        "--     ----            -------------   -----         -----------     --------  ",
        "1      Job1            BackgroundJob   Running       True            localhost ",
        "2      Job2                            Running       True            localhost ",
        "",
    ]
    exact = lines(jobs, 80, exact_width=True)
    assert exact[3] == "1      Job1            BackgroundJob   Running       True            localhost  "


def test_pssession_view_right_aligns_id_and_availability() -> None:
    sessions = [FakeSession(1, "Runspace1", "web01", "Opened", "Available"),
                FakeSession(2, "Runspace2", "db01.example.com", "Opened", "Busy")]
    assert lines(sessions) == [
        "",
        " Id Name            Transport ComputerName    ComputerType    State         ConfigurationName     Availability",
        " -- ----            --------- ------------    ------------    -----         -----------------     ------------",
        "  1 Runspace1       SSH       web01           RemoteMachine   Opened        DefaultShell             Available",
        "  2 Runspace2       SSH       db01.example.c… RemoteMachine   Opened        DefaultShell                  Busy",
        "",
    ]


def test_process_view() -> None:
    out = lines([FakeProcess(4242, "pwsh", 127_139_840, 2.4375), FakeProcess(7, "sshd", 1_048_576, None)])
    assert out == [
        "",
        " NPM(K)    PM(M)      WS(M)     CPU(s)      Id  SI ProcessName",
        " ------    -----      -----     ------      --  -- -----------",
        "      2    50.00     121.25       2.44    4242   1 pwsh",
        "      2    50.00       1.00       0.00       7   1 sshd",
        "",
    ]


def test_objects_with_at_most_four_properties_make_a_table() -> None:
    objs = [PSObject({"Name": "a", "Size": 10, "Ok": True}), PSObject({"Name": "bbb", "Size": 2000, "Ok": False})]
    assert lines(objs) == [
        "",
        "Name Size    Ok",
        "---- ----    --",
        "a      10  True",
        "bbb  2000 False",
        "",
    ]


def test_objects_with_five_properties_make_a_list_with_padded_names() -> None:
    obj = PSObject({"a": 1, "bb": "two", "ccc": 3.5, "d": None, "eeeee": [1, 2]})
    assert lines([obj, obj]) == [
        "",
        "a     : 1", "bb    : two", "ccc   : 3.5", "d     : ", "eeeee : {1, 2}",
        "",
        "a     : 1", "bb    : two", "ccc   : 3.5", "d     : ", "eeeee : {1, 2}",
        "",
    ]


def test_multi_line_list_values_are_indented() -> None:
    obj = PSObject({"Name": "x", "Text": "line one\nline two", "c": 1, "d": 2, "e": 3})
    assert lines([obj])[1:4] == ["Name : x", "Text : line one", "       line two"]


def test_long_list_values_wrap_at_words() -> None:
    obj = PSObject({"Message": "alpha beta gamma delta", "b": 1, "c": 2, "d": 3, "e": 4})
    assert lines([obj], 25)[1:4] == ["Message : alpha beta ", "          gamma delta", "b       : 1"]


@pytest.mark.parametrize("table", [Hashtable({"a": 1, "Longer": "x"}), OrderedHashtable({"a": 1, "Longer": "x"})])
def test_hashtables_show_name_and_value(table: Hashtable) -> None:
    assert lines([table]) == [
        "",
        "Name                           Value",
        "----                           -----",
        "a                              1",
        "Longer                         x",
        "",
    ]


def test_consecutive_hashtables_share_one_table() -> None:
    assert lines([Hashtable({"a": 1}), Hashtable({"b": 2})])[3:5] == [
        "a                              1",
        "b                              2",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hello", ["hello"]),
        (42, ["42"]),
        (3.5, ["3.5"]),
        (True, ["True"]),
        ("two\nlines", ["two", "lines"]),
        (None, []),
        ([1, "a", None, 2.25], ["1", "a", "2.25"]),
    ],
)
def test_primitives_print_their_string_one_per_line(value: object, expected: list[str]) -> None:
    assert lines([value]) == expected


def test_datetime_prints_its_long_form_with_blank_lines() -> None:
    assert lines([dt.datetime(2026, 11, 24, 23, 34, 24)]) == ["", "Tuesday, November 24, 2026 11:34:24 PM", ""]


def test_timespan_is_a_list() -> None:
    out = lines([dt.timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=500)])
    assert out[1:7] == [
        "Days              : 1",
        "Hours             : 2",
        "Minutes           : 3",
        "Seconds           : 4",
        "Milliseconds      : 500",
        "Ticks             : 937845000000",
    ]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ([1, 2, 3], "{1, 2, 3}"),
        ([1, 2, 3, 4, 5, 6], "{1, 2, 3, 4…}"),
        ([], "{}"),
        ([None, "x"], "{$null, x}"),
        (PSObject({"a": 1, "b": "x"}), "@{a=1; b=x}"),
        (Hashtable({"k": "v"}), "{[k, v]}"),
        (dt.datetime(2026, 1, 5, 9, 3, 7), "1/5/2026 9:03:07 AM"),
        (dt.timedelta(minutes=90), "01:30:00"),
        (False, "False"),
        (3.14159, "3.14"),
    ],
)
def test_nested_values_in_cells(value: object, cell: str) -> None:
    out = lines([PSObject({"Key": "k", "V": value})])
    assert out[3].split(" ", 1)[1].strip() == cell


def test_table_widths_come_from_the_first_object_when_streaming() -> None:
    out = OutDefault(120)
    text = out.feed(PSObject({"Name": "a", "N": 1}))
    assert text == "\nName N\n---- -\na    1\n"
    assert out.feed(PSObject({"Name": "longer", "N": 22})) == "lon… 2\n"
    assert out.finish() == "\n"


def test_group_wait_sizes_columns_from_the_rows_that_arrive_in_time() -> None:
    out = OutDefault(120, group_wait=10.0)
    assert out.feed(PSObject({"Name": "a", "N": 1})) == "\n"
    assert out.feed(PSObject({"Name": "longer", "N": 22})) == ""
    assert out.finish() == "Name    N\n----    -\na       1\nlonger 22\n\n"


def test_an_object_of_another_shape_becomes_an_empty_row_of_a_view_less_table() -> None:
    out = lines([PSObject({"a": 1}), PSObject({"b": 2}), PSObject({"a": 3})])
    assert out == ["", "a", "-", "1", " ", "3", ""]  # right-aligned (numbers): the empty cell is padded


def test_strings_inside_a_table_print_as_themselves() -> None:
    assert lines([PSObject({"a": 1}), "text", PSObject({"a": 2})]) == ["", "a", "-", "1", "text", "2", ""]


def test_other_objects_inside_a_view_table_are_listed_out_of_band() -> None:
    job = FakeJob(1, "Job1", "BackgroundJob", "Completed", False, "localhost", "x")
    out = lines([job, PSObject({"a": 1, "b": 2}), job], 120)
    assert out[3] .startswith("1      Job1")
    assert out[4:8] == ["", "a : 1", "b : 2", ""]
    assert out[8].startswith("1      Job1")
    assert out[-1] == ""


def test_a_string_before_the_first_object_does_not_open_the_table() -> None:
    assert lines(["first", PSObject({"a": 1})]) == ["first", "", "a", "-", "1", ""]


def test_format_packets_are_printed_verbatim() -> None:
    from pyshell.formatting import FormatOptions, Formatter, Shape

    f = Formatter(FormatOptions(Shape.LIST))
    packets = f.process(PSObject({"a": 1})) + f.end()
    assert lines(packets) == ["", "a : 1", ""]


def test_remote_pscustomobject_is_a_list_without_pscomputername_when_hidden() -> None:
    obj = remote({"one": 1, "two": 2})
    assert lines([obj])[1:5] == [
        "one            : 1",
        "two            : 2",
        "PSComputerName : web01",
        "RunspaceId     : 5b1e3f2a-0000-0000-0000-000000000000",
    ]
    hidden = lines([remote({"one": 1, "two": 2}, show=False)])
    assert [line.split(" ")[0] for line in hidden[1:-1]] == ["one", "two", "RunspaceId"]


def test_remote_objects_with_a_view_get_a_pscomputername_column() -> None:
    job = FakeJob(1, "Job1", "BackgroundJob", "Completed", False, "localhost", "Get-Date")
    wrapped = PSObject({"PSComputerName": "S2", "PSShowComputerName": True, "RunspaceId": "r"},
                       type_names=["Deserialized.System.Management.Automation.PSRemotingJob",
                                   "Deserialized.System.Management.Automation.Job"], base=job)
    out = lines([wrapped], 160)
    assert out[1].endswith("Command                   PSComputerName")
    assert out[3].endswith("Get-Date                  S2")


def test_deserialized_objects_use_the_view_of_their_type() -> None:
    p = PSObject({"Id": 4, "Name": "Runspace4", "Transport": "SSH", "ComputerName": "h", "ComputerType": "RemoteMachine",
                  "State": "Opened", "ConfigurationName": "DefaultShell", "Availability": "Available"},
                 type_names=["Deserialized.System.Management.Automation.Runspaces.PSSession",
                             "Deserialized.System.Object"])
    assert lines([p])[3] == "  4 Runspace4       SSH       h               RemoteMachine   Opened        DefaultShell" \
                            "             Available"


def test_ansi_colours_headers_and_list_labels() -> None:
    text = format_text([PSObject({"a": 1})], ansi=True)
    assert "\x1b[32;1ma\x1b[0m" in text
    listed = format_text([PSObject({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})], ansi=True)
    assert "\x1b[32;1ma : \x1b[0m1" in listed


def test_vt_sequences_are_removed_without_ansi() -> None:
    assert lines(["\x1b[31mred\x1b[0m"]) == ["red"]
    assert lines(["\x1b[31mred\x1b[0m"], ansi=True) == ["\x1b[31mred\x1b[0m"]


def test_error_records_in_the_output_show_in_concise_view() -> None:
    from pyshell.engine.records import ErrorRecord
    from pyshell.errors import PyshellError

    record = ErrorRecord(PyshellError("Cannot find path '/x' because it does not exist."), command="Get-Item")
    assert lines([record]) == ["Get-Item: Cannot find path '/x' because it does not exist."]


def test_warning_records_show_with_their_prefix() -> None:
    from pyshell.engine.records import WarningRecord

    assert lines([WarningRecord("careful")]) == ["WARNING: careful"]


class _Entry:
    PS_TYPE_NAMES = ("System.Diagnostics.EventLogEntry#Application/pyshell/1000", "System.Diagnostics.EventLogEntry",
                     "System.Object")
    PS_PROPERTIES = ("Index", "TimeGenerated", "EntryType", "Source", "InstanceId", "Message")

    def __init__(self, index: int, message: str) -> None:
        self.Index = index
        self.TimeGenerated = dt.datetime(2026, 11, 4, 9, 5, 0)
        self.EntryType = "Information"
        self.Source = "pyshell"
        self.InstanceId = 1000
        self.Message = message


def test_event_log_entry_view() -> None:
    assert lines([_Entry(12, "Job finished")]) == [
        "",
        "   Index Time          EntryType   Source                 InstanceID Message",
        "   ----- ----          ---------   ------                 ---------- -------",
        "      12 Nov 04 09:05  Information pyshell                      1000 Job finished",
        "",
    ]


class _File:
    PS_TYPE_NAMES = ("System.IO.FileInfo", "System.IO.FileSystemInfo", "System.Object")
    PS_PROPERTIES = ("PSParentPath", "UnixMode", "User", "Group", "LastWriteTime", "Size", "Name")

    def __init__(self, directory: str, name: str, mode: str = "-rw-r--r--", size: int = 3) -> None:
        self.PSParentPath = "Microsoft.PowerShell.Core\\FileSystem::" + directory
        self.UnixMode = mode
        self.User = self.Group = "alice"
        self.LastWriteTime = dt.datetime(2026, 1, 5, 9, 3, 7)
        self.Size = size
        self.Name = name


def test_files_are_grouped_by_directory_with_unix_columns() -> None:
    files = [_File("/home/alice", "a.txt"), _File("/home/alice", "b.txt", size=10),
             _File("/home/alice/sub", "run.sh", "-rwxr-xr-x", 120)]
    assert lines(files) == [
        "",
        "    Directory: /home/alice",
        "",
        "UnixMode         User Group         LastWriteTime         Size Name",
        "--------         ---- -----         -------------         ---- ----",
        "-rw-r--r--      alice alice        1/5/2026 09:03            3 a.txt",
        "-rw-r--r--      alice alice        1/5/2026 09:03           10 b.txt",
        "",
        "    Directory: /home/alice/sub",
        "",
        "UnixMode         User Group         LastWriteTime         Size Name",
        "--------         ---- -----         -------------         ---- ----",
        "-rwxr-xr-x      alice alice        1/5/2026 09:03          120 run.sh",
        "",
    ]


def test_long_file_names_wrap_in_the_name_column() -> None:
    out = lines([_File("/d", "x" * 30)], 80)
    # Name gets 79 - 63 = 16 columns
    assert out[5:7] == ["-rw-r--r--      alice alice        1/5/2026 09:03            3 " + "x" * 16, " " * 63 + "x" * 14]
