"""Get-Date, Start-Sleep, Get-Random, Get-Process, Stop-Process and Start-Process.

Every process these tests start is their own (sleep or sh) and is killed by pid at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes_system import SystemRunspace, invoke

from pyshell.commands.system import (
    GetDate,
    GetProcess,
    GetRandom,
    Process,
    StartProcess,
    StartSleep,
    StopProcess,
    format_date,
    split_arguments,
    uformat_date,
)
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import PSObject, get_property, type_names
from pyshell.errors import ParameterBindingError, PipelineStoppedError, PyshellError

needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
SLEEP = shutil.which("sleep") or "/bin/sleep"


@pytest.fixture
def rs(tmp_path: Path) -> SystemRunspace:
    return SystemRunspace(str(tmp_path))


@pytest.fixture
def pids() -> Iterator[list[int]]:
    """Pids the test started; each is killed (and reaped when it is our child) at the end."""
    started: list[int] = []
    yield started
    for pid in started:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def _sleeper(pids: list[int], exe: str = SLEEP) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([exe, "30"], stdin=subprocess.DEVNULL)
    pids.append(proc.pid)
    return proc


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


# -- Get-Date -------------------------------------------------------------------------------

def test_get_date_returns_now(rs: SystemRunspace) -> None:
    before = dt.datetime.now()
    (d,) = invoke(rs, GetDate).output
    assert isinstance(d, dt.datetime) and before <= d <= dt.datetime.now()


def test_get_date_parts_follow_dotnet_add_semantics(rs: SystemRunspace) -> None:
    base = dt.datetime(2024, 1, 31, 10, 20, 30, 400000)
    (d,) = invoke(rs, GetDate, Date=base, Month=2).output
    assert d == dt.datetime(2024, 2, 29, 10, 20, 30, 400000)  # AddMonths clamps the day
    (d,) = invoke(rs, GetDate, Date=dt.datetime(2023, 1, 15), Month=2, Day=31).output
    assert d == dt.datetime(2023, 3, 3)  # AddDays past the month end
    (d,) = invoke(rs, GetDate, Date=base, Year=2020, Hour=1, Minute=2, Second=3, Millisecond=5).output
    assert d == dt.datetime(2020, 1, 31, 1, 2, 3, 5000)


def test_get_date_accepts_a_string_date(rs: SystemRunspace) -> None:
    assert invoke(rs, GetDate, Date="2024-03-05 14:07:09").output == [dt.datetime(2024, 3, 5, 14, 7, 9)]


def test_get_date_range_validation(rs: SystemRunspace) -> None:
    with pytest.raises(ParameterBindingError, match="The 13 argument is greater than the maximum allowed range of 12"):
        invoke(rs, GetDate, Month=13)


@pytest.mark.parametrize("fmt,expected", [
    ("yyyy-MM-dd HH:mm:ss", "2024-03-05 14:07:09"),
    ("MMM-dd-yy", "Mar-05-24"),
    ("dddd MM/dd/yyyy", "Tuesday 03/05/2024"),
    ("d", "3/5/2024"),
    ("D", "Tuesday, March 5, 2024"),
    ("s", "2024-03-05T14:07:09"),
    ("FileDate", "20240305"),
    ("FileDateTime", "20240305T1407091234"),
    ("HH:mm:ss.fff", "14:07:09.123"),
])
def test_get_date_format(rs: SystemRunspace, fmt: str, expected: str) -> None:
    d = dt.datetime(2024, 3, 5, 14, 7, 9, 123456)
    assert invoke(rs, GetDate, Date=d, Format=fmt).output == [expected]


def test_format_k_shows_the_local_offset() -> None:
    local = dt.datetime(2024, 3, 5, 14, 7, 9)
    offset = local.astimezone().strftime("%z")
    assert format_date(local, "K") .endswith(offset[-2:]) or format_date(local, "HH K").endswith(offset[-2:])
    assert format_date(dt.datetime(2024, 3, 5, tzinfo=dt.UTC), "yyyy K") == "2024 Z"


@pytest.mark.parametrize("fmt,expected", [
    ("%Y-%m-%d", "2023-12-31"), ("%a %A %b %B", "Sun Sunday Dec December"), ("%c", "Sun 31 Dec 2023 00:05:09"),
    ("%C", "20"), ("%D", "12/31/23"), ("%e", "31"), ("%F", "2023-12-31"), ("%H %I %k %l", "00 12  0 12"),
    ("%j", "365"), ("%p %r %R %T", "AM 12:05:09 AM 00:05 00:05:09"), ("%u %w", "7 0"), ("%V %G %g", "52 2023 23"),
    ("%U %W", "53 52"), ("%x %X %y", "12/31/23 00:05:09 23"), ("+%M%S", "0509"), ("%q%%", "q%"), ("%n%t", "\n\t"),
])
def test_uformat(fmt: str, expected: str) -> None:
    assert uformat_date(dt.datetime(2023, 12, 31, 0, 5, 9), fmt) == expected


def test_uformat_epoch_seconds_and_offset() -> None:
    d = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert uformat_date(d, "%s %Z") == "1704067200 +00"


def test_get_date_as_utc_and_unix_time(rs: SystemRunspace) -> None:
    (d,) = invoke(rs, GetDate, UnixTimeSeconds=0, AsUTC=True).output
    assert d == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert get_property(d, "Kind") == "Utc"


def test_get_date_display_hint_wraps_the_date(rs: SystemRunspace) -> None:
    (d,) = invoke(rs, GetDate, Date=dt.datetime(2020, 1, 1), DisplayHint="Date").output
    assert isinstance(d, PSObject) and d.base == dt.datetime(2020, 1, 1)
    assert get_property(d, "DisplayHint") == "Date" and get_property(d, "Year") == 2020
    assert type_names(d)[0] == "System.DateTime"


# -- Start-Sleep ----------------------------------------------------------------------------

def test_start_sleep_sleeps(rs: SystemRunspace) -> None:
    start = time.monotonic()
    invoke(rs, StartSleep, Milliseconds=120)
    invoke(rs, StartSleep, Seconds=0.1)
    invoke(rs, StartSleep, Duration=dt.timedelta(milliseconds=50))
    assert 0.25 <= time.monotonic() - start < 2


def test_start_sleep_stops_promptly_when_the_pipeline_stops(rs: SystemRunspace) -> None:
    cmd = StartSleep(rs, None)
    cmd.bound = {"Seconds": 30.0}
    outcome: list[object] = []

    def sleeper() -> None:
        try:
            list(cmd.process())
            outcome.append("finished")
        except PipelineStoppedError:
            outcome.append("stopped")

    worker = threading.Thread(target=sleeper)
    start = time.monotonic()
    worker.start()
    time.sleep(0.1)
    rs.stopping = True
    worker.join(timeout=5)
    assert outcome == ["stopped"] and time.monotonic() - start < 1


def test_start_sleep_negative_is_a_validation_error(rs: SystemRunspace) -> None:
    with pytest.raises(ParameterBindingError, match="The -1 argument is less than the minimum allowed range of 0"):
        invoke(rs, StartSleep, Seconds=-1)


# -- Get-Random -----------------------------------------------------------------------------

def test_get_random_seed_is_reproducible(rs: SystemRunspace) -> None:
    first = invoke(rs, GetRandom, SetSeed=42, Maximum=1000, Count=5).output
    second = invoke(rs, GetRandom, SetSeed=42, Maximum=1000, Count=5).output
    assert first == second and len(first) == 5 and all(0 <= n < 1000 for n in first)


def test_get_random_ranges(rs: SystemRunspace) -> None:
    ints = invoke(rs, GetRandom, Minimum=5, Maximum=7, Count=50).output
    assert set(ints) <= {5, 6} and all(isinstance(n, int) for n in ints)
    (x,) = invoke(rs, GetRandom, Minimum=1.5, Maximum=2.5).output
    assert isinstance(x, float) and 1.5 <= x < 2.5
    (big,) = invoke(rs, GetRandom).output
    assert 0 <= big < 2**31 - 1


def test_get_random_minimum_not_below_maximum(rs: SystemRunspace) -> None:
    with pytest.raises(PyshellError, match=r"The Minimum value \(10\) cannot be greater than or equal to the Maximum "
                                           r"value \(5\)\."):
        invoke(rs, GetRandom, Minimum=10, Maximum=5)


def test_get_random_picks_from_input(rs: SystemRunspace) -> None:
    (one,) = invoke(rs, GetRandom, ["a", "b", "c"]).output
    assert one in ("a", "b", "c")
    picked = invoke(rs, GetRandom, [1, 2, 3, 4], Count=10).output
    assert sorted(picked) == [1, 2, 3, 4]
    assert sorted(invoke(rs, GetRandom, InputObject=[3, 1, 2], Shuffle=True).output) == [1, 2, 3]


# -- Get-Process, Stop-Process --------------------------------------------------------------

@needs_proc
def test_get_process_by_id(rs: SystemRunspace) -> None:
    (me,) = invoke(rs, GetProcess, Id=[os.getpid()]).output
    assert isinstance(me, Process) and me.Id == os.getpid()
    assert type_names(me)[0] == "System.Diagnostics.Process"
    assert me.ProcessName.startswith("python") or me.ProcessName == os.path.basename(sys.executable)
    assert me.WorkingSet64 > 0 and me.WS == me.WorkingSet64 and me.VM > 0
    assert isinstance(me.StartTime, dt.datetime) and me.StartTime <= dt.datetime.now()
    assert me.HasExited is False and me.Path and me.Path.startswith("/")
    assert isinstance(me.CPU, float) and me.TotalProcessorTime.total_seconds() >= 0
    assert me.SI == os.getsid(0) and me.NPM == 0
    assert get_property(me, "__NounName") == "Process"
    assert to_string(me) == f"System.Diagnostics.Process ({me.ProcessName})"
    assert me.Parent is not None and me.Parent.Id == os.getppid()


@needs_proc
def test_get_process_lists_sorted_by_name(rs: SystemRunspace) -> None:
    out = invoke(rs, GetProcess).output
    assert any(p.Id == os.getpid() for p in out)
    keys = [(p.ProcessName.casefold(), p.Id) for p in out]
    assert keys == sorted(keys)


@needs_proc
def test_get_process_by_name_with_wildcards(rs: SystemRunspace, pids: list[int], tmp_path: Path) -> None:
    exe = tmp_path / "pyshtestsleep"
    shutil.copy(SLEEP, exe)
    proc = _sleeper(pids, str(exe))
    time.sleep(0.1)
    out = invoke(rs, GetProcess, Name=["pyshtest*"]).output
    assert [p.Id for p in out] == [proc.pid]
    assert out[0].CommandLine == f"{exe} 30"


@needs_proc
def test_get_process_not_found_messages(rs: SystemRunspace) -> None:
    res = invoke(rs, GetProcess, Name=["no-such-process-xyz"])
    assert res.messages == ['Cannot find a process with the name "no-such-process-xyz". Verify the process name and '
                            "call the cmdlet again."]
    assert res.error_ids == ["NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand"]
    assert res.errors[0].CategoryInfo.Category == "ObjectNotFound"
    assert invoke(rs, GetProcess, Name=["no-such-*"]).errors == []
    res = invoke(rs, GetProcess, Id=[99999999])
    assert res.messages == ["Cannot find a process with the process identifier 99999999."]


@needs_proc
def test_get_process_include_user_name(rs: SystemRunspace) -> None:
    import pwd

    (me,) = invoke(rs, GetProcess, Id=[os.getpid()], IncludeUserName=True).output
    assert get_property(me, "UserName") == pwd.getpwuid(os.getuid()).pw_name
    assert type_names(me)[0] == "System.Diagnostics.Process#IncludeUserName"


@needs_proc
def test_stop_process_by_id_and_by_object(rs: SystemRunspace, pids: list[int]) -> None:
    first, second = _sleeper(pids), _sleeper(pids)
    invoke(rs, StopProcess, Id=[first.pid])
    assert first.wait(timeout=5) == -signal.SIGKILL
    (proc,) = invoke(rs, GetProcess, Id=[second.pid]).output
    out = invoke(rs, StopProcess, [proc], PassThru=True).output
    assert out == [proc]
    assert second.wait(timeout=5) == -signal.SIGKILL


@needs_proc
def test_stop_process_by_name(rs: SystemRunspace, pids: list[int], tmp_path: Path) -> None:
    exe = tmp_path / "pyshstopme"
    shutil.copy(SLEEP, exe)
    proc = _sleeper(pids, str(exe))
    time.sleep(0.1)
    invoke(rs, StopProcess, Name=["pyshstopme"])
    assert proc.wait(timeout=5) == -signal.SIGKILL


@needs_proc
def test_stop_process_missing_id(rs: SystemRunspace) -> None:
    res = invoke(rs, StopProcess, Id=[99999999])
    assert res.error_ids == ["NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.StopProcessCommand"]


@needs_proc
def test_stop_process_whatif_leaves_it_running(rs: SystemRunspace, pids: list[int]) -> None:
    proc = _sleeper(pids)
    res = invoke(rs, StopProcess, Id=[proc.pid], WhatIf=True)
    assert proc.poll() is None
    assert res.host_lines == [f'What if: Performing the operation "Stop-Process" on target "sleep ({proc.pid})".']


# -- Start-Process --------------------------------------------------------------------------

@needs_proc
def test_start_process_is_detached(rs: SystemRunspace, pids: list[int]) -> None:
    (proc,) = invoke(rs, StartProcess, FilePath="sleep", ArgumentList=["30"], PassThru=True).output
    pids.append(proc.Id)
    assert isinstance(proc, Process) and proc.ProcessName == "sleep"
    assert os.getsid(proc.Id) == proc.Id  # its own session: no terminal hang-up reaches it
    assert os.readlink(f"/proc/{proc.Id}/fd/0") == "/dev/null"
    assert proc.HasExited is False and proc.ExitCode is None
    proc.Kill()
    assert proc.HasExited is True and proc.ExitCode == 137


@needs_proc
def test_start_process_wait_and_redirect(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("piped\n")
    (proc,) = invoke(rs, StartProcess, FilePath="sh", ArgumentList=["-c", '"cat; echo err >&2; exit 3"'],
                     RedirectStandardInput="in.txt", RedirectStandardOutput="out.txt",
                     RedirectStandardError="err.txt", Wait=True, PassThru=True).output
    assert (tmp_path / "out.txt").read_text() == "piped\n"
    assert (tmp_path / "err.txt").read_text() == "err\n"
    assert proc.HasExited and proc.ExitCode == 3


@needs_proc
def test_start_process_working_directory_and_environment(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "wd").mkdir()
    invoke(rs, StartProcess, FilePath="sh", ArgumentList=["-c", '"pwd; echo $PYSH_X"'], WorkingDirectory="wd",
           Environment={"PYSH_X": "42"}, RedirectStandardOutput="o.txt", Wait=True)
    assert (tmp_path / "o.txt").read_text() == f"{tmp_path / 'wd'}\n42\n"


def test_start_process_errors(rs: SystemRunspace, tmp_path: Path) -> None:
    with pytest.raises(PyshellError, match="This command cannot be run due to the error: An error occurred trying to "
                                           "start process 'no-such-program-xyz' with working directory"):
        invoke(rs, StartProcess, FilePath="no-such-program-xyz")
    with pytest.raises(PyshellError, match='"RedirectStandardOutput" and "RedirectStandardError" are same'):
        invoke(rs, StartProcess, FilePath="true", RedirectStandardOutput="x", RedirectStandardError="x")
    with pytest.raises(PyshellError, match='the parameter "WorkingDirectory" has a value that is not valid'):
        invoke(rs, StartProcess, FilePath="true", WorkingDirectory="nope")


@needs_proc
def test_started_process_outlives_the_shell(tmp_path: Path, pids: list[int]) -> None:
    pytest.importorskip("pyshell.engine.runspace")
    script = (
        "from pyshell.commands import load_builtins; load_builtins()\n"
        "from pyshell.engine.runspace import Runspace\n"
        "from pyshell.engine.host import CollectingHost\n"
        f"rs = Runspace(CollectingHost(), location={str(tmp_path)!r})\n"
        "print(rs.run('(Start-Process sleep -ArgumentList 30 -PassThru).Id')[0])\n"
    )
    env = dict(os.environ, PYSHELL_STATE_DIR=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    pid = int(done.stdout.strip())
    pids.append(pid)
    time.sleep(0.2)
    assert _alive(pid)


@pytest.mark.parametrize("text,expected", [
    ("a b  c", ["a", "b", "c"]), ('"a b" c', ["a b", "c"]), (r'a\"b', ['a"b']), (r"a\\b", [r"a\\b"]),
    (r'"a\\" b', ["a\\", "b"]), ('""', [""]), ("", []),
])
def test_split_arguments_follows_dotnet(text: str, expected: list[str]) -> None:
    assert split_arguments(text) == expected
