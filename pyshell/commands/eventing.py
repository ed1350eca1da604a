"""The eventing cmdlets: New-Event, Get-Event, Remove-Event, Wait-Event, Register-EngineEvent, Get-EventSubscriber,
Unregister-Event (pwsh's Microsoft.PowerShell.Utility), over the runspace's event manager (engine/events.py)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.events import PSEventSubscriber, events_of
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["NewEvent", "GetEvent", "RemoveEvent", "WaitEvent", "RegisterEngineEvent", "GetEventSubscriber",
           "UnregisterEvent"]


class _ArgumentError(PyshellError):
    """pwsh raises these errors as System.ArgumentException."""

    ps_type_name = "System.ArgumentException"
    default_category = "InvalidArgument"


def _has_wildcards(text: str) -> bool:
    return any(c in text for c in "*?[")


def _not_found(cmd: Cmdlet, message: str, error_id: str) -> None:
    cmd.write_error(_ArgumentError(message, error_id=error_id))


@command("New-Event")
class NewEvent(Cmdlet):
    """Creates a new event in the session's event queue (or hands it to a subscriber's action)."""

    SourceIdentifier = Param("string", position=0, mandatory=True)
    Sender = Param("psobject", position=1)
    EventArguments = Param("psobject[]", position=2)
    MessageData = Param("psobject", position=3)

    def end(self) -> Iterable[Any]:
        args = self.EventArguments
        args = list(args) if isinstance(args, (list, tuple)) else ([] if args is None else [args])
        mgr = events_of(self.runspace)
        event = mgr.generate(str(self.SourceIdentifier), self.Sender, args, self.MessageData)
        mgr.run_pending()  # pwsh generates it "in the current thread": a subscriber's action has run on return
        return [event]


class _EventSelector(Cmdlet):
    """-SourceIdentifier (wildcards) / -EventIdentifier, with pwsh's error when a literal name or an id matches nothing."""

    SourceIdentifier: Any
    EventIdentifier: Any

    def selected(self) -> list[Any]:
        source = self.SourceIdentifier if self.is_bound("SourceIdentifier") else None
        event_id = int(self.EventIdentifier) if self.is_bound("EventIdentifier") else None
        found = events_of(self.runspace).find(None if source is None else str(source), event_id)
        if not found:
            if source is not None and not _has_wildcards(str(source)):
                _not_found(self, f"Event with source identifier '{source}' does not exist.",
                           "INVALID_SOURCE_IDENTIFIER")
            elif event_id is not None:
                _not_found(self, f"Event with identifier '{event_id}' does not exist.", "INVALID_SOURCE_IDENTIFIER")
        return found


@command("Get-Event", default_set="BySource")
class GetEvent(_EventSelector):
    """Gets the events in the event queue."""

    SourceIdentifier = Param("string", position=0, sets=("BySource",), by_property_name=True)
    EventIdentifier = Param("int", mandatory=True, sets=("ById",), aliases=("Id",), by_property_name=True)

    def end(self) -> Iterable[Any]:
        return self.selected()


@command("Remove-Event", default_set="BySource")
class RemoveEvent(_EventSelector):
    """Deletes events from the event queue."""

    SourceIdentifier = Param("string", position=0, mandatory=True, sets=("BySource",), by_property_name=True)
    EventIdentifier = Param("int", mandatory=True, sets=("ByIdentifier",), aliases=("Id",), by_property_name=True)
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def process(self) -> Iterable[Any]:
        mgr = events_of(self.runspace)
        for event in self.selected():
            if self.WhatIf:
                self.write_host(f'What if: Performing the operation "Remove" on target '
                                f'"Event \'{event.SourceIdentifier}\'".')
                continue
            mgr.remove(event)
        return ()


@command("Wait-Event")
class WaitEvent(Cmdlet):
    """Waits until an event is raised (running event actions meanwhile); returns it, leaving it queued."""

    SourceIdentifier = Param("string", position=0)
    Timeout = Param("int", aliases=("TimeoutSec",), default=-1)

    def end(self) -> Iterable[Any]:
        timeout = int(self.Timeout if self.Timeout is not None else -1)
        if timeout < -1:
            raise ParameterBindingError(
                f"Cannot validate argument on parameter 'Timeout'. The {timeout} argument is less than the minimum "
                "allowed range of -1. Supply an argument that is greater than or equal to -1 and then try the command "
                "again.", error_id="ParameterArgumentValidationError", category="InvalidData")
        source = str(self.SourceIdentifier) if self.is_bound("SourceIdentifier") else None
        event = events_of(self.runspace).wait(source, None if timeout < 0 else float(timeout))
        self.check_stop()
        return [] if event is None else [event]


@command("Register-EngineEvent")
class RegisterEngineEvent(Cmdlet):
    """Subscribes to events generated by the engine and by New-Event; with -Action, returns the PSEventJob."""

    SourceIdentifier = Param("string", position=0, mandatory=True)
    Action = Param("scriptblock", position=1)
    MessageData = Param("psobject")
    SupportEvent = Param("switch")
    Forward = Param("switch")
    MaxTriggerCount = Param("int")

    def end(self) -> Iterable[Any]:
        mgr = events_of(self.runspace)
        source = str(self.SourceIdentifier)
        if any(s.SourceIdentifier.lower() == source.lower() for s in mgr.subscribers):
            raise _ArgumentError(f"Cannot subscribe to the specified event. A subscriber with the source identifier "
                                 f"'{source}' already exists.", error_id="SUBSCRIBER_EXISTS", target=source)
        job = None
        if self.Action is not None:
            factory = getattr(self.runspace, "event_job_factory", None)  # installed by the job layer
            if factory is None:
                raise PyshellError("Cannot register an event action: this runspace has no job support.",
                                   error_id="InvalidOperation", category="InvalidOperation")
            job = factory(mgr, self.Action, source)
        sub = mgr.subscribe(source, action_job=job, message_data=self.MessageData,
                            support_event=bool(self.SupportEvent), forward=bool(self.Forward),
                            max_triggers=max(0, int(self.MaxTriggerCount or 0)))
        if job is None:
            return []
        job.subscriber = sub
        table = getattr(self.runspace, "jobs", None)
        if table is not None and not self.SupportEvent:
            table.add(job)
        return [] if self.SupportEvent else [job]


class _SubscriberSelector(Cmdlet):
    """-SourceIdentifier (wildcards) / -SubscriptionId; subscriptions made with -SupportEvent only with -Force."""

    SourceIdentifier: Any
    SubscriptionId: Any
    Force: Any

    def selected(self) -> list[PSEventSubscriber]:
        subs = [s for s in events_of(self.runspace).subscribers if self.Force or not s.SupportEvent]
        source = str(self.SourceIdentifier) if self.is_bound("SourceIdentifier") else None
        sub_id = int(self.SubscriptionId) if self.is_bound("SubscriptionId") else None
        if source is not None:
            subs = [s for s in subs if fnmatch.fnmatchcase(s.SourceIdentifier.lower(), source.lower())]
        if sub_id is not None:
            subs = [s for s in subs if s.SubscriptionId == sub_id]
        if not subs:
            if source is not None and not _has_wildcards(source):
                _not_found(self, f"Event subscription with source identifier '{source}' does not exist.",
                           "INVALID_SOURCE_IDENTIFIER")
            elif sub_id is not None:
                _not_found(self, f"Event subscription with identifier '{sub_id}' does not exist.",
                           "INVALID_SUBSCRIPTION_IDENTIFIER")
        return subs


@command("Get-EventSubscriber", default_set="BySource")
class GetEventSubscriber(_SubscriberSelector):
    """Gets the event subscribers in the current session."""

    SourceIdentifier = Param("string", position=0, sets=("BySource",), by_property_name=True)
    SubscriptionId = Param("int", position=0, mandatory=True, sets=("ById",), aliases=("Id",),
                           by_property_name=True)
    Force = Param("switch")

    def end(self) -> Iterable[Any]:
        return self.selected()


@command("Unregister-Event", default_set="BySource")
class UnregisterEvent(_SubscriberSelector):
    """Cancels event subscriptions (an action's job stops)."""

    SourceIdentifier = Param("string", position=0, mandatory=True, sets=("BySource",), by_property_name=True)
    SubscriptionId = Param("int", position=0, mandatory=True, sets=("ById",), aliases=("Id",),
                           by_property_name=True)
    Force = Param("switch")
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def process(self) -> Iterable[Any]:
        mgr = events_of(self.runspace)
        for sub in self.selected():
            if self.WhatIf:
                self.write_host(f'What if: Performing the operation "Unsubscribe" on target '
                                f'"Event subscription \'{sub.SourceIdentifier}\'".')
                continue
            mgr.unsubscribe(sub)
        return ()
