"""Host facts belong to one pyshell build: after an upgrade the client must not reach the old build's pool
daemon (it runs the old code) nor start the old zipapp; what it learnt (the host needs a zipapp) is kept."""

from __future__ import annotations

import json

from pyshell.remoting.hostcache import HostCache, HostFacts, build_key


def test_facts_written_by_this_build_come_back_unchanged(tmp_path) -> None:
    cache = HostCache(str(tmp_path / "hosts.json"))
    facts = HostFacts(f"$HOME/.cache/pyshell/agent-{build_key()}.pyz", "/s/pool/agent.sock", True)
    cache.put("u@h:22#k", facts)
    again = HostCache(str(tmp_path / "hosts.json")).get("u@h:22#k")
    assert (again.zipapp, again.socket, again.build) == (facts.zipapp, "/s/pool/agent.sock", build_key())


def test_another_builds_socket_is_forgotten_and_its_zipapp_renamed(tmp_path) -> None:
    path = tmp_path / "hosts.json"
    path.write_text(json.dumps({
        "u@bare:22#k": {"zipapp": "$HOME/.cache/pyshell/agent-0.0.9-old.pyz", "build": "0.0.9-old",
                        "socket": "/home/u/.local/state/pyshell/pool/0.0.9-old/agent.sock", "streamlocal": True},
        "u@srv:22#k": {"zipapp": None, "socket": "/p/pool/x/agent.sock", "streamlocal": False},  # written before builds
    }))
    cache = HostCache(str(path))
    bare = cache.get("u@bare:22#k")
    assert bare.zipapp == f"$HOME/.cache/pyshell/agent-{build_key()}.pyz"
    assert bare.socket is None and bare.streamlocal is True
    srv = cache.get("u@srv:22#k")
    assert srv.zipapp is None and srv.socket is None and srv.streamlocal is False


def test_an_unknown_host_has_default_facts(tmp_path) -> None:
    assert HostCache(str(tmp_path / "none.json")).get("u@new:22#k") == HostFacts()
