"""PSEventJob: the job of an event subscription's -Action; it runs the action once per event, in the runspace."""

from __future__ import annotations

from typing import Any

from pyshell.jobs.job import Job, JobState

__all__ = ["PSEventJob"]

_CAPTURED = ("Error", "Warning", "Verbose", "Debug")


class PSEventJob(Job):
    """Named after the source identifier; NotStarted until its first event, Running while subscribed, then Stopped."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Management.Automation.PSEventJob", "System.Management.Automation.Job",
                                      "System.Object")
    #: a PSEventJob also has the Module its action runs in (none here)
    PS_PROPERTIES = ("Module",) + Job.PS_PROPERTIES  # type: ignore[assignment]

    def __init__(self, manager: Any, action: Any, name: str) -> None:
        super().__init__(str(getattr(action, "ps_to_string", lambda: action)()), name, location="")
        self.manager = manager
        self.action = action
        self.Module = None
        self.subscriber: Any = None

    def run_action(self, rs: Any, sub: Any, event: Any) -> None:
        """Run the action with $Event, $EventArgs, $Sender, $EventSubscriber, $SourceArgs, $SourceEventArgs, $args set;
        its output and error/warning/verbose/debug records go to this job (Write-Host still reaches the host)."""
        from pyshell.engine.objects import MISSING
        from pyshell.engine.records import error_record_from
        from pyshell.errors import PyshellError

        if self.State == JobState.NotStarted:
            self.set_state(JobState.Running)
        scope = rs.new_scope(parent=rs.global_scope)
        scope.variables.update({"Event": event, "EventArgs": event.SourceEventArgs, "Sender": event.Sender,
                                "EventSubscriber": sub, "SourceArgs": event.SourceArgs,
                                "SourceEventArgs": event.SourceEventArgs, "args": list(event.SourceArgs)})
        # $args (or the action's param()) are the event's SourceArgs
        args = list(event.SourceArgs) if getattr(self.action.ast, "param_block", None) is not None else ()
        saved_sinks = rs.sinks
        sinks = saved_sinks.derive()
        for stream in _CAPTURED:
            sinks.to_file[stream] = []
        rs.sinks = sinks
        failure = None
        out: list[Any] = []
        try:
            with rs.in_scope(scope):
                out = rs.invoke(self.action, args=args, new_scope=False)
        except PyshellError as e:
            failure = e
        finally:
            rs.sinks = saved_sinks
        self.add_many([o for o in out if o is not MISSING])
        for stream in _CAPTURED:
            for record in sinks.to_file.get(stream, []):
                self.add(stream, record)
        if failure is not None:  # a terminating error ends this run of the action only
            self.add("Error", error_record_from(failure))

    def subscription_ended(self) -> None:
        """Unregister-Event: the job stops (it stays in the job table, as in pwsh)."""
        self.set_state(JobState.Stopped)

    def stop(self) -> None:
        """Stop-Job / Remove-Job -Force end the subscription too."""
        if self.subscriber is not None:
            self.manager.unsubscribe(self.subscriber)
        self.set_state(JobState.Stopped)
