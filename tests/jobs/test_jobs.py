"""Jobs through real worker processes and threads."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from pyshell.engine.host import CollectingHost
from pyshell.engine.objects import PSObject
from pyshell.script import new_runspace
from pyshell.wire import Channel, deserialize, message, serialize


def _rs():
    return new_runspace(CollectingHost())


def test_wire_roundtrip_prefixes_deserialized_and_limits_depth():
    rs = _rs()
    obj = rs.run("[pscustomobject]@{a=1; b=@(1,2); c=[pscustomobject]@{x=1}}")[0]
    back = deserialize(serialize(obj))
    assert isinstance(back, PSObject)
    assert back.type_names[0] == "Deserialized.System.Management.Automation.PSCustomObject"
    assert back.properties["b"] == [1, 2]
    assert back.properties["c"] == "@{x=1}"


def test_channel_frames_messages(tmp_path):
    r, w = os.pipe()
    ch = Channel(os.fdopen(r, "rb"), os.fdopen(w, "wb"))
    ch.send(message("output", value="a\nb"))
    assert ch.recv() == {"kind": "output", "value": "a\nb"}


def test_start_job_receive_wait_and_streams():
    rs = _rs()
    out = rs.run('$j = Start-Job { 1..3; Write-Warning w; Write-Error e }; Wait-Job $j | Out-Null; '
                 'Receive-Job $j -Keep; $j.State; $j.ChildJobs[0].Id - $j.Id')
    assert out == [1, 2, 3, "Completed", 1]
    assert [w.Message for w in rs.host.warnings] == ["w"]
    assert rs.host.errors and rs.host.errors[-1].message == "e"
    assert rs.run("Receive-Job -SessionId $j.Id -Keep") == [1, 2, 3]
    assert rs.run("(Receive-Job $j).Count; $j.HasMoreData") == [3, False]
    rs.shutdown()


def test_throw_fails_job_with_reason():
    rs = _rs()
    out = rs.run('$j = Start-Job { throw "boom" }; Wait-Job $j | Out-Null; $j.State; '
                 '$j.ChildJobs[0].JobStateInfo.Reason.Message')
    assert out == ["Failed", "boom"]


def test_ten_thousand_objects_in_order():
    rs = _rs()
    out = rs.run("Start-Job { 1..10000 } | Receive-Job -Wait")
    assert out == list(range(1, 10001))


def test_stop_and_remove_requires_force():
    rs = _rs()
    rs.run("$j = Start-Job { Start-Sleep 30 }")
    rs.run("Remove-Job $j")
    assert "not finished" in rs.host.errors[-1].message
    rs.run("Stop-Job $j")
    assert rs.run("$j.State") == ["Stopped"]
    rs.run("Remove-Job $j")
    assert rs.run("Get-Job") == []


def test_bad_id_error():
    rs = _rs()
    rs.run("Get-Job -Id 99")
    assert rs.host.errors[-1].FullyQualifiedErrorId.startswith("JobWithSpecifiedSessionNotFound")


def test_thread_job_and_throttle():
    rs = _rs()
    out = rs.run('$a = 5; $t = Start-ThreadJob { $using:a * 2 }; Wait-Job $t | Receive-Job')
    assert out == [10]
    jobs = rs.run("1..3 | % { Start-ThreadJob { Start-Sleep 1 } -ThrottleLimit 1 }")
    assert [j.State.value for j in jobs][1:] == ["NotStarted", "NotStarted"]
    rs.shutdown()


def test_foreach_parallel_and_asjob():
    rs = _rs()
    assert sorted(rs.run("1..6 | ForEach-Object -Parallel { $_ * 2 } -ThrottleLimit 3")) == [2, 4, 6, 8, 10, 12]
    out = rs.run("$p = 1..3 | ForEach-Object -Parallel { $_ } -AsJob; Wait-Job $p | Out-Null; "
                 "$p.PSJobTypeName; $p.ChildJobs.Count; (Receive-Job $p | Sort-Object)")
    assert out == ["PSTaskJob", 3, 1, 2, 3]


def test_background_operator_rewrites_using():
    rs = _rs()
    out = rs.run("$x = 41; $j = Write-Output ($x + 1) &; Receive-Job $j -Wait; $j.Command")
    assert out == [42, "Write-Output (${using:x} + 1)"]


def test_no_orphan_after_parent_sigkill(tmp_path):
    pidfile = tmp_path / "pid"
    script = f"Start-Job {{ $PID | Set-Content '{pidfile}'; Start-Sleep 60 }} | Out-Null; Start-Sleep 60"
    parent = subprocess.Popen([sys.executable, "-m", "pyshell", "-Command", script])
    for _ in range(200):
        if pidfile.exists() and pidfile.read_text().strip():
            break
        time.sleep(0.05)
    worker = int(pidfile.read_text().strip())
    children = _children(parent.pid)  # the job's worker and the spare one waiting for the next job
    assert worker in children and len(children) >= 2
    parent.kill()
    parent.wait()
    for _ in range(100):
        if not any(_alive(pid) for pid in children):
            break
        time.sleep(0.05)
    assert [pid for pid in children if _alive(pid)] == []


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(ppid):
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == ppid:
                        found.append(int(name))
            except OSError:
                pass
    return found
