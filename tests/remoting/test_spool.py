"""The session daemon's Spool: output held while no client is attached, Block and Drop when full."""

from __future__ import annotations

import io
import threading
import time

from pyshell.remoting.spool import BLOCK, DROP, Spool
from pyshell.wire import Channel


def _channel() -> tuple[Channel, io.BytesIO]:
    out = io.BytesIO()
    return Channel(io.BytesIO(), out), out


def _sent(out: io.BytesIO) -> list[int]:
    import json

    return [json.loads(line)["value"] for line in out.getvalue().splitlines() if line.strip()]


def test_output_is_held_while_detached_and_released_in_order():
    spool = Spool(capacity=10)
    for i in range(3):
        spool.send({"kind": "output", "id": "1", "value": i})
    channel, out = _channel()
    spool.attach(channel, live=False)  # Connect-PSSession: attached, nothing fetched yet
    spool.send({"kind": "output", "id": "1", "value": 3})
    assert _sent(out) == []
    spool.release()  # Receive-PSSession
    spool.send({"kind": "output", "id": "1", "value": 4})
    assert _sent(out) == [0, 1, 2, 3, 4]


def test_drop_mode_discards_the_oldest_output_but_keeps_the_end():
    spool = Spool(capacity=3, mode=DROP)
    spool.send({"kind": "state", "id": "0", "value": -1})
    for i in range(5):
        spool.send({"kind": "output", "id": "1", "value": i})
    assert [m["value"] for m in spool.held] == [-1, 3, 4]
    assert spool.dropped == 3


def test_block_mode_pauses_the_writer_until_a_client_takes_the_output():
    spool = Spool(capacity=2, mode=BLOCK)
    done = threading.Event()

    def writer() -> None:
        for i in range(4):
            spool.send({"kind": "output", "id": "1", "value": i})
        done.set()

    threading.Thread(target=writer, daemon=True).start()
    time.sleep(0.3)
    assert not done.is_set() and len(spool.held) == 2  # the command is paused
    channel, out = _channel()
    spool.attach(channel, live=True)
    assert done.wait(5)
    assert _sent(out) == [0, 1, 2, 3]


def test_a_client_that_vanished_makes_the_spool_hold_again():
    class Dead:
        def send(self, msg):
            raise OSError("gone")

    spool = Spool(capacity=5)
    spool.attach(Dead(), live=True)  # type: ignore[arg-type]
    spool.send({"kind": "output", "id": "1", "value": 7})
    assert spool.channel is None and [m["value"] for m in spool.held] == [7]
