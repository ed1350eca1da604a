"""The agent over local pipes (no SSH): messages in, streamed output and records out."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pyshell.wire import deserialize


def _run_agent(tmp_path, *messages):
    env = dict(os.environ, HOME=str(tmp_path), PYSHELL_COMPUTERNAME="PipeHost")
    text = "".join(json.dumps(m) + "\n" for m in messages)
    proc = subprocess.run([sys.executable, "-m", "pyshell", "--agent"], input=text.encode(), capture_output=True,
                          env=env, timeout=60, cwd="/")
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_agent_says_hello_from_home(tmp_path):
    hello = _run_agent(tmp_path)[0]
    assert hello["kind"] == "hello"
    assert hello["computer"] == "PipeHost"
    assert hello["location"] == str(tmp_path)


def test_agent_keeps_state_between_invocations(tmp_path):
    msgs = _run_agent(tmp_path,
                      {"kind": "invoke", "id": "1", "script": "$x = 41"},
                      {"kind": "invoke", "id": "2", "script": "$x + 1"})
    out = [m for m in msgs if m["kind"] == "output" and m["id"] == "2"]
    assert [m["value"] for m in out] == [42]
    states = [m for m in msgs if m["kind"] == "state"]
    assert [s["state"] for s in states] == ["Completed", "Completed"]


def test_agent_binds_arguments_and_using_values(tmp_path):
    msgs = _run_agent(tmp_path, {"kind": "invoke", "id": "1", "script": "param($a) $a * $using:b",
                                 "args": [6], "using": {"b": 7}})
    assert [m["value"] for m in msgs if m["kind"] == "output"] == [42]


def test_agent_streams_errors_and_objects_as_data(tmp_path):
    msgs = _run_agent(tmp_path, {"kind": "invoke", "id": "1",
                                 "script": "[pscustomobject]@{a=1}; Get-Item nosuch; Write-Warning careful"})
    kinds = [m["kind"] for m in msgs]
    assert kinds[1:] == ["output", "error", "warning", "state"]
    obj = deserialize(msgs[1]["value"])
    assert obj.type_names[0] == "Deserialized.System.Management.Automation.PSCustomObject"
    assert obj.properties["a"] == 1
    assert "does not exist" in msgs[2]["record"]["message"]


def test_agent_answers_prompt_with_its_location(tmp_path):
    msgs = _run_agent(tmp_path, {"kind": "prompt", "id": "9"})
    assert msgs[-1] == {"kind": "prompt", "id": "9", "text": f"PS {tmp_path}> "}


def test_agent_protocol_stdout_survives_native_output(tmp_path):
    msgs = _run_agent(tmp_path, {"kind": "invoke", "id": "1", "script": "sh -c 'echo native'"})
    assert all(isinstance(m, dict) for m in msgs)
    assert msgs[-1]["kind"] == "state"


def test_agent_imports_without_third_party_packages(tmp_path):
    code = ("import sys\nclass B:\n def find_spec(self, n, *a):\n"
            "  if n.split('.')[0] in ('fabric','paramiko','prompt_toolkit','pygments'): raise ImportError(n)\n"
            "sys.meta_path.insert(0, B())\nimport pyshell.remoting.agent, pyshell.remoting.cmdlets\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
