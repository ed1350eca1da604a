"""The runspace's event manager (pwsh's PSLocalEventManager): the event queue, subscribers and pending actions.

New-Event and engine events go through `generate()`: an event whose source identifier has a subscriber with an
action is handed to that action, which the generator then runs on the runspace's thread (`run_pending`; New-Event
does so before it returns, as pwsh generates its events "in the current thread"); any other event joins the queue
Get-Event reads. An event raised while an action runs waits until that action ends (actions do not nest).
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import threading
import uuid
from typing import Any

__all__ = ["PSEventArgs", "PSEventSubscriber", "EventManager", "events_of", "process_pending", "fire_exiting",
           "EXITING"]

#: the engine event raised when the shell exits (System.Management.Automation.PsEngineEvent.Exiting)
EXITING = "PowerShell.Exiting"


def _is_event_args(value: Any) -> bool:
    from pyshell.engine.objects import type_names

    return "System.EventArgs" in type_names(value)


class PSEventArgs:
    """System.Management.Automation.PSEventArgs: one event in the queue."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSEventArgs", "System.EventArgs", "System.Object")
    PS_PROPERTIES = ("ComputerName", "RunspaceId", "EventIdentifier", "Sender", "SourceEventArgs", "SourceArgs",
                     "SourceIdentifier", "TimeGenerated", "MessageData")

    def __init__(self, event_id: int, source_identifier: str, sender: Any, args: list[Any], message_data: Any,
                 runspace_id: str) -> None:
        self.ComputerName: str | None = None
        self.RunspaceId = runspace_id
        self.EventIdentifier = event_id
        self.Sender = sender
        #: the first argument when it is a System.EventArgs (as pwsh picks it)
        self.SourceEventArgs = args[0] if args and _is_event_args(args[0]) else None
        self.SourceArgs = args
        self.SourceIdentifier = source_identifier
        self.TimeGenerated = _dt.datetime.now()
        self.MessageData = message_data

    def ps_to_string(self) -> str:
        return "System.Management.Automation.PSEventArgs"


class PSEventSubscriber:
    """System.Management.Automation.PSEventSubscriber: one Register-EngineEvent / -ObjectEvent subscription."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSEventSubscriber", "System.Object")
    PS_PROPERTIES = ("SubscriptionId", "SourceObject", "EventName", "SourceIdentifier", "Action", "HandlerDelegate",
                     "SupportEvent", "ForwardEvent")

    def __init__(self, sub_id: int, source_identifier: str, *, action_job: Any = None, message_data: Any = None,
                 support_event: bool = False, forward: bool = False, max_triggers: int = 0) -> None:
        self.SubscriptionId = sub_id
        self.SourceObject = None
        self.EventName = None
        self.SourceIdentifier = source_identifier
        #: the PSEventJob running the action (None: events are queued for Get-Event)
        self.Action = action_job
        self.HandlerDelegate = None
        self.SupportEvent = support_event
        self.ForwardEvent = forward
        self.message_data = message_data
        self.max_triggers = max_triggers
        self.triggered = 0

    def ps_to_string(self) -> str:
        return "System.Management.Automation.PSEventSubscriber"


class EventManager:
    """The events and subscriptions of one runspace; thread-safe, actions run on the runspace's thread."""

    def __init__(self, runspace: Any) -> None:
        self.runspace = runspace
        self.runspace_id = _runspace_id(runspace)
        self.queue: list[PSEventArgs] = []
        self.subscribers: list[PSEventSubscriber] = []
        self.pending: list[tuple[PSEventSubscriber, PSEventArgs]] = []
        self._next_event = 1
        self._next_sub = 1
        self._cond = threading.Condition()
        self._busy = False  #: an action is running (actions do not nest)

    # -- events ----------------------------------------------------------------------------------
    def generate(self, source_identifier: str, sender: Any = None, args: list[Any] | None = None,
                 message_data: Any = None) -> PSEventArgs:
        """Create an event; hand it to the matching action subscribers, else queue it for Get-Event."""
        with self._cond:
            event = PSEventArgs(self._next_event, source_identifier, sender, list(args or []), message_data,
                                self.runspace_id)
            self._next_event += 1
            subs = [s for s in self.subscribers if s.SourceIdentifier.lower() == source_identifier.lower()]
            actions = [s for s in subs if s.Action is not None]
            for sub in actions:
                self.pending.append((sub, event))
            # a forwarded event goes to the client of a remote session, not to this queue
            if not actions and not (subs and subs[-1].ForwardEvent):
                self.queue.append(event)
            self._cond.notify_all()
        if not actions:
            for sub in subs:  # -MaxTriggerCount counts the events a queue-only subscription saw
                sub.triggered += 1
                if sub.max_triggers and sub.triggered >= sub.max_triggers:
                    self.unsubscribe(sub)
        return event

    def find(self, pattern: str | None = None, event_id: int | None = None) -> list[PSEventArgs]:
        """The queued events whose source identifier matches the wildcard and whose id is event_id."""
        with self._cond:
            events = list(self.queue)
        if pattern is not None:
            pat = pattern.lower()
            events = [e for e in events if fnmatch.fnmatchcase(e.SourceIdentifier.lower(), pat)]
        if event_id is not None:
            events = [e for e in events if e.EventIdentifier == event_id]
        return events

    def remove(self, event: PSEventArgs) -> None:
        with self._cond:
            if event in self.queue:
                self.queue.remove(event)

    def wait(self, pattern: str | None, timeout: float | None) -> PSEventArgs | None:
        """Block (running due actions meanwhile) until a matching event is queued; None on timeout.

        Like pwsh, Wait-Event returns the event without removing it from the queue."""
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            process_pending(self.runspace)
            found = self.find(pattern)
            if found:
                return found[0]
            if getattr(self.runspace, "stopping", False):
                return None
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return None
            with self._cond:
                self._cond.wait(0.05 if left is None else min(0.05, left))

    # -- subscriptions ---------------------------------------------------------------------------
    def subscribe(self, source_identifier: str, **kwargs: Any) -> PSEventSubscriber:
        with self._cond:
            sub = PSEventSubscriber(self._next_sub, source_identifier, **kwargs)
            self._next_sub += 1
            self.subscribers.append(sub)
        return sub

    def unsubscribe(self, sub: PSEventSubscriber) -> None:
        """Drop a subscription; its action job stops (and its pending events are dropped)."""
        with self._cond:
            if sub in self.subscribers:
                self.subscribers.remove(sub)
            self.pending = [(s, e) for s, e in self.pending if s is not sub]
        job = sub.Action
        if job is not None and hasattr(job, "subscription_ended"):
            job.subscription_ended()

    def run_pending(self) -> None:
        """Run the actions of events generated so far, in order (on the calling, i.e. the runspace's, thread)."""
        if self._busy:
            return
        self._busy = True
        try:
            while True:
                with self._cond:
                    if not self.pending:
                        return
                    sub, event = self.pending.pop(0)
                if sub.Action is None or sub not in self.subscribers:
                    continue
                sub.Action.run_action(self.runspace, sub, event)
                sub.triggered += 1
                if sub.max_triggers and sub.triggered >= sub.max_triggers:
                    self.unsubscribe(sub)
        finally:
            self._busy = False


def _runspace_id(runspace: Any) -> str:
    """PSEventArgs.RunspaceId: the InstanceId of [runspace]::DefaultRunspace for this runspace."""
    from pyshell.engine.hosting_runspace import handle_for

    try:
        return str(handle_for(runspace).InstanceId)
    except Exception:  # noqa: BLE001 - a runspace without a handle (tests' bare runspaces) gets its own id
        return str(uuid.uuid4())


def events_of(runspace: Any) -> EventManager:
    """The runspace's event manager, made on first use (most sessions never touch events)."""
    mgr = getattr(runspace, "_event_manager", None)
    if mgr is None:
        mgr = EventManager(runspace)
        runspace._event_manager = mgr
    return mgr


def process_pending(runspace: Any) -> None:
    """Run due event actions, if the runspace has any (the engine's pulse between pipelines)."""
    mgr = getattr(runspace, "_event_manager", None)
    if mgr is not None and mgr.pending:
        mgr.run_pending()


def fire_exiting(runspace: Any) -> None:
    """Raise PowerShell.Exiting when the shell ends, and run its actions now (they get no later chance)."""
    mgr = getattr(runspace, "_event_manager", None)
    if mgr is None or not any(s.SourceIdentifier.lower() == EXITING.lower() for s in mgr.subscribers):
        return
    mgr.generate(EXITING, None, [], None)
    try:
        mgr.run_pending()
    except Exception:  # noqa: BLE001, S110 - exiting: a failing action must not keep the shell from ending
        pass

