"""The job cmdlets: Start-Job, Start-ThreadJob, Get-Job, Receive-Job, Wait-Job, Stop-Job, Remove-Job."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Iterable
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.records import ProgressRecord
from pyshell.errors import PyshellError
from pyshell.jobs.job import FINISHED, PERSISTENT, Job, JobState
from pyshell.jobs.receive import JobStateEventArgs, replay

__all__ = ["StartJob", "StartThreadJob", "GetJob", "ReceiveJob", "WaitJob", "StopJob", "RemoveJob"]


def _table(cmd: Cmdlet) -> Any:
    table = cmd.runspace.jobs
    if table is None:
        raise PyshellError("Jobs are not available in this runspace.", error_id="JobsUnavailable",
                           category="NotImplemented")
    return table


class _JobCmdlet(Cmdlet):
    """Shared job lookup (JobCmdletBase): by job object, Id, Name, InstanceId, State, Command."""

    Id = Param("object[]", position=0, aliases=("SessionId",), sets=("SessionIdParameterSet",),
               by_property_name=True)
    Job_ = Param("object[]", pipeline=True, sets=("JobParameterSet",))
    Name = Param("string[]", sets=("NameParameterSet",), by_property_name=True)
    InstanceId = Param("string[]", sets=("InstanceIdParameterSet",), by_property_name=True)
    State = Param("JobState", sets=("StateParameterSet",))
    default_set = "SessionIdParameterSet"

    def select(self, *, all_when_empty: bool = False, recurse: bool = True) -> list[Job]:
        """The jobs the bound selector names; a non-terminating error for each id, name or instance id not found.

        :param recurse: look for names among child jobs too (Remove-Job does not).
        """
        table = _table(self)
        state = _job_state(self, "State")
        everything = table.all_jobs() if recurse else table.top_level()
        found: list[Job] = []
        #: jobs given as objects (by -Job, or positionally as the seed writes `Remove-Job $job`)
        self.given_as_objects: set[int] = set()
        if self.is_bound("Job"):
            for j in self.Job_ or []:
                j = getattr(j, "base", None) or j
                if isinstance(j, Job):
                    found.append(j)
                    self.given_as_objects.add(j.Id)
            return found
        if self.is_bound("Id") and self.Id is not None:
            for key in self.Id:
                if isinstance(key, Job):
                    # pwsh binds a job given positionally to -Name through its ToString(): a removed job is not found
                    if key in everything:
                        found.append(key)
                        self.given_as_objects.add(key.Id)
                    else:
                        self._name_not_found(key.ps_to_string())
                    continue
                if isinstance(key, str) and not key.strip().lstrip("-").isdigit():
                    found.extend(self._by_name(everything, key))
                    continue
                try:
                    jid = int(key)
                except (TypeError, ValueError):
                    jid = -1
                match = [j for j in table.all_jobs() if j.Id == jid]
                if not match:
                    self.write_error(PyshellError(
                        f"The command cannot find a job with the job ID {key}. Verify the value of the Id parameter "
                        "and then try the command again.", error_id="JobWithSpecifiedSessionNotFound",
                        category="ObjectNotFound", target=jid))
                found.extend(match)
            return found
        if self.is_bound("Name"):
            for n in self.Name or []:
                found.extend(self._by_name(everything, n))
            return found
        if self.is_bound("InstanceId"):
            for g in self.InstanceId or []:
                match = [j for j in table.all_jobs() if j.InstanceId.lower() == str(g).lower()]
                if not match:
                    self.write_error(PyshellError(
                        f"The command cannot find a job with the instance identifier {g}. Verify the value of the "
                        "InstanceId parameter, and then try the command again.",
                        error_id="JobWithSpecifiedInstanceIdNotFound", category="ObjectNotFound", target=g))
                found.extend(match)
            return found
        if self.is_bound("State"):
            return [j for j in table.top_level() if j.State == state]
        return table.top_level() if all_when_empty else []

    def _by_name(self, everything: list[Job], pattern: str) -> list[Job]:
        match = [j for j in everything if fnmatch.fnmatchcase(j.Name.lower(), pattern.lower())]
        if not match and not any(c in pattern for c in "*?["):
            self._name_not_found(pattern)
        return match

    def _name_not_found(self, name: str) -> None:
        self.write_error(PyshellError(
            f"The command cannot find the job because the job name {name} was not found. Verify the value of "
            "the Name parameter, and then try the command again.", error_id="JobWithSpecifiedNameNotFound",
            category="ObjectNotFound", target=name))


def _job_state(cmd: Cmdlet, param: str) -> JobState | None:
    """A -State/-ChildJobState argument as a JobState; PowerShell's binding error for a name it does not know."""
    if not cmd.is_bound(param):
        return None
    value = str(cmd.bound[param]).strip()
    for s in JobState:
        if s.value.lower() == value.lower():
            return s
    names = ", ".join(s.value for s in JobState)
    raise PyshellError(
        f"Cannot bind parameter '{param}'. Cannot convert value \"{value}\" to type "
        "\"System.Management.Automation.JobState\". Error: \"Unable to match the identifier name "
        f"{value} to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
        f"{names}\"", error_id="CannotConvertArgumentNoMessage", category="InvalidArgument")


def _waiting_progress(jobs: list[Job], states: frozenset[JobState], *, completed: bool = False) -> ProgressRecord:
    """The record Wait-Job and Receive-Job -Wait write while they wait for several jobs (the REPL draws it)."""
    done = sum(1 for j in jobs if j.State in states)
    n = len(jobs)
    return ProgressRecord("Waiting for jobs", f"{done} of {n} finished", percent=done * 100 // n if n else 100,
                          completed=completed)


def _script_of(cmd: Cmdlet) -> tuple[Any, str]:
    from pyshell.engine.scriptblock import ScriptBlock

    if cmd.is_bound("FilePath"):
        path = cmd.runspace.resolve_path(str(cmd.bound["FilePath"]))
        try:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as e:
            raise PyshellError(f"Cannot find path '{path}' because it does not exist.",
                               error_id="PathNotFound", category="ObjectNotFound", target=path) from e
        return ScriptBlock.create(text, path), text
    sb = cmd.bound["ScriptBlock"]
    return sb, sb.text


@command("Start-Job", aliases=("sajb",), default_set="ComputerName")
class StartJob(Cmdlet):
    """Starts a background job running in a separate pyshell process."""

    ScriptBlock = Param("scriptblock", position=0, mandatory=True, aliases=("Command",), sets=("ComputerName",))
    FilePath = Param("string", position=0, mandatory=True, sets=("FilePathComputerName",))
    Name = Param("string")
    InitializationScript = Param("scriptblock", position=1)
    ArgumentList = Param("object[]", aliases=("Args",))
    InputObject = Param("object", pipeline=True)
    WorkingDirectory = Param("string")
    RunAs32 = Param("switch")
    Credential = Param("object")
    Authentication = Param("string")
    PSVersion = Param("version")

    def begin(self) -> Iterable[Any]:
        self._input: list[Any] = []
        if self.RunAs32:
            raise PyshellError("Cannot start job. The RunAs32 parameter is not supported on 64-bit PowerShell "
                               "sessions other than Windows PowerShell.", error_id="RunAs32NotSupported",
                               category="InvalidOperation")
        return ()

    def process(self) -> Iterable[Any]:
        if self.expecting_input:
            self._input.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        import os

        from pyshell.jobs.process_job import start_process_job
        from pyshell.jobs.thread_job import collect_using

        sb, text = _script_of(self)
        cwd = self.runspace.location
        if self.is_bound("WorkingDirectory"):
            if self.WorkingDirectory is None or not str(self.WorkingDirectory).strip():
                raise PyshellError("Cannot validate argument on parameter 'WorkingDirectory'. The argument is null, "
                                   "empty, or consists of only white-space characters. Provide an argument that is "
                                   "not null, empty, or white-space, and then try the command again.",
                                   error_id="ParameterArgumentValidationError", category="InvalidData")
            cwd = self.runspace.resolve_path(str(self.WorkingDirectory))
            if not os.path.isdir(cwd):
                raise PyshellError(f"Cannot find the WorkingDirectory path {self.WorkingDirectory}.",
                                   error_id="DirectoryNotFoundException", category="InvalidOperation")
        inp = self._input if self.expecting_input else (
            [self.InputObject] if self.is_bound("InputObject") else None)
        init = self.InitializationScript.text if self.InitializationScript is not None else None
        job = start_process_job(self.runspace, text, name=self.Name, args=list(self.ArgumentList or []),
                                using=collect_using(text, self.runspace), input=inp, init=init, cwd=cwd)
        return [job]


@command("Start-ThreadJob", default_set="ScriptBlock")
class StartThreadJob(Cmdlet):
    """Starts a job running a script block in a new runspace on a thread of this process."""

    ScriptBlock = Param("scriptblock", position=0, mandatory=True, sets=("ScriptBlock",))
    FilePath = Param("string", position=0, mandatory=True, sets=("FilePath",))
    Name = Param("string")
    InitializationScript = Param("scriptblock")
    InputObject = Param("object", pipeline=True)
    ArgumentList = Param("object[]")
    ThrottleLimit = Param("int")
    StreamingHost = Param("object")

    def begin(self) -> Iterable[Any]:
        self._input: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.expecting_input:
            self._input.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        from pyshell.jobs.thread_job import start_thread_job

        sb, _text = _script_of(self)
        inp = self._input if self.expecting_input else (
            [self.InputObject] if self.is_bound("InputObject") else None)
        limit = int(self.ThrottleLimit) if self.is_bound("ThrottleLimit") else None
        # -StreamingHost $Host: the value is the caller's $Host, whose records go to this runspace's host
        streaming = self.runspace.host if self.StreamingHost is not None else None
        return [start_thread_job(self.runspace, sb, name=self.Name, args=list(self.ArgumentList or []), input=inp,
                                 init=self.InitializationScript, throttle=limit, streaming=streaming)]


@command("Get-Job", aliases=("gjb",))
class GetJob(_JobCmdlet):
    """Gets the jobs of the current session."""

    Command = Param("string[]", sets=("CommandParameterSet",))
    IncludeChildJob = Param("switch")
    ChildJobState = Param("JobState")
    HasMoreData = Param("bool")
    Before = Param("datetime")
    After = Param("datetime")
    Newest = Param("int")
    Filter = Param("hashtable", mandatory=True, sets=("FilterParameterSet",))

    def end(self) -> Iterable[Any]:
        if self.is_bound("Filter"):
            # only job source adapters that support filters (workflow/scheduled jobs) answer -Filter
            return []
        child_state = _job_state(self, "ChildJobState")
        if self.is_bound("Command"):
            pats = [str(c).lower() for c in self.Command or []]
            jobs = [j for j in _table(self).top_level()
                    if any(fnmatch.fnmatchcase(j.Command.strip().lower(), p.strip()) for p in pats)]
        else:
            jobs = self.select(all_when_empty=True)
        if self.IncludeChildJob or self.is_bound("ChildJobState"):
            expanded: list[Job] = []
            for j in jobs:
                expanded.append(j)
                for c in j.ChildJobs:
                    if child_state is None or c.State == child_state:
                        expanded.append(c)
            jobs = expanded
        if self.is_bound("HasMoreData"):
            jobs = [j for j in jobs if j.HasMoreData == bool(self.HasMoreData)]
        if self.is_bound("Before"):
            jobs = [j for j in jobs if j.PSEndTime is not None and j.PSEndTime < self.Before]
        if self.is_bound("After"):
            jobs = [j for j in jobs if j.PSEndTime is not None and j.PSEndTime > self.After]
        if self.is_bound("Newest"):
            ended = sorted((j for j in jobs if j.PSEndTime is not None), key=lambda j: j.PSEndTime, reverse=True)
            jobs = sorted(ended[: int(self.Newest)], key=lambda j: j.Id)
        return jobs


@command("Receive-Job", aliases=("rcjb",), default_set="Location")
class ReceiveJob(_JobCmdlet):
    """Gets the results of jobs."""

    Job_ = Param("object[]", position=0, pipeline=True, mandatory=True, sets=("Location", "ComputerName"))
    Location = Param("string[]", position=1, sets=("Location",))
    ComputerName = Param("string[]", position=1, aliases=("Cn",), sets=("ComputerName",))
    Id = Param("object[]", position=0, mandatory=True, aliases=("SessionId",), sets=("SessionIdParameterSet",))
    Name = Param("string[]", position=0, mandatory=True, sets=("NameParameterSet",))
    InstanceId = Param("string[]", position=0, mandatory=True, sets=("InstanceIdParameterSet",))
    Keep = Param("switch")
    NoRecurse = Param("switch")
    Force = Param("switch")
    Wait = Param("switch")
    AutoRemoveJob = Param("switch")
    WriteEvents = Param("switch")
    WriteJobInResults = Param("switch")

    def begin(self) -> Iterable[Any]:
        def bad(text: str, eid: str) -> PyshellError:
            return PyshellError(text, error_id=eid, category="InvalidOperation")

        if self.Wait and self.Keep:
            raise bad("The Wait and Keep parameters cannot be used together in the same command.",
                      "WaitAndKeepCannotBeUsedTogether")
        if not self.Wait:
            for p, text in (("AutoRemoveJob", "The -AutoRemoveJob parameter cannot be used without the -Wait parameter"),
                            ("WriteJobInResults",
                             "The -WriteJobInResults parameter cannot be used without the -Wait parameter"),
                            ("WriteEvents", "The WriteEvents parameter cannot be used without the Wait parameter."),
                            ("Force", "The -Force parameter cannot be used without the -Wait parameter.")):
                if self.bound.get(p):
                    raise bad(text, f"{p}CannotBeUsedWithoutWait")
        return ()

    def process(self) -> Iterable[Any]:
        jobs = self.select()
        #: with -Wait on several jobs, a progress record on each poll says how many have finished
        self._waiting = jobs if self.Wait and len(jobs) > 1 else []
        try:
            for job in jobs:
                wanted = self._locations()
                if wanted is None:
                    yield from self._receive(job, job)
                    continue
                # -Location/-ComputerName read only the child jobs at those locations (Job.GetJobsForLocation)
                for child in job.ChildJobs:
                    if child.Location.lower() in wanted:
                        yield from self._receive(child, job)
        finally:
            if self._waiting:
                self.write_progress(_waiting_progress(self._waiting, FINISHED, completed=True))

    def _locations(self) -> set[str] | None:
        for p in ("Location", "ComputerName"):
            if self.is_bound(p) and getattr(self, p) is not None:
                return {str(x).lower() for x in getattr(self, p)}
        return None

    def _receive(self, job: Job, specified: Job) -> Iterable[Any]:
        """Write `job`'s results; with -AutoRemoveJob the job the user named (`specified`) is removed."""
        if not self.Wait:
            for stream, item in self._take(job):
                yield from replay(self, stream, item)
            yield from self._reason(job)
            return
        if self.WriteJobInResults:
            yield job
        while True:
            job.wait_for_data(0.05)
            for stream, item in self._take(job):
                yield from replay(self, stream, item)
            more = Job.HasMoreData.fget(job) if self.NoRecurse else job.HasMoreData  # type: ignore[attr-defined]
            if job.State in FINISHED and not more:
                break
            if self._waiting:
                self.write_progress(_waiting_progress(self._waiting, FINISHED))
            self.check_stop()
        yield from self._reason(job)
        if self.WriteEvents:
            # ReceiveJob.cs WriteJobStateInformation: one JobStateEventArgs per job read, as it finishes
            read = [job] if self.NoRecurse else [*job.ChildJobs, job]
            yield from (JobStateEventArgs(j) for j in read)
        if self.AutoRemoveJob:
            _table(self).remove(specified)

    def _take(self, job: Job) -> list[tuple[str, Any]]:
        if self.NoRecurse:
            return Job.take_results(job, self.Keep)
        return job.take_results(self.Keep)

    def _reason(self, job: Job) -> Iterable[Any]:
        """ReceiveJob.cs WriteReasonError: each failed job read (the job, then its children) adds its reason.

        A script that throws fails its job with the error as the reason and writes nothing to the
        job's Error stream, so the error is shown once per Receive-Job.
        """
        read = [job] if self.NoRecurse else [job, *job.ChildJobs]
        for j in read:
            reason = j.JobStateInfo.Reason
            if j.State == JobState.Failed and reason is not None:
                self.write_error(getattr(reason, "ErrorRecord", None) or reason)
        return ()


@command("Wait-Job", aliases=("wjb",))
class WaitJob(_JobCmdlet):
    """Waits until jobs are finished."""

    Job_ = Param("object[]", position=0, pipeline=True, mandatory=True, sets=("JobParameterSet",))
    Any_ = Param("switch")
    Timeout = Param("int", aliases=("TimeoutSec",), default=-1)
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._jobs: list[Job] = []
        return ()

    def process(self) -> Iterable[Any]:
        self._jobs.extend(self.select())
        return ()

    def end(self) -> Iterable[Any]:
        jobs = list(dict.fromkeys(self._jobs))
        timeout = int(self.Timeout if self.Timeout is not None else -1)
        deadline = None if timeout < 0 else time.monotonic() + timeout
        states = FINISHED if self.Force else PERSISTENT
        several = len(jobs) > 1
        try:
            while True:
                done = [j for j in jobs if j.State in states]
                if (self.Any_ and done) or len(done) == len(jobs):
                    self._warn_if_suspended(done)
                    return done[:1] if self.Any_ else jobs
                if any(j.State == JobState.Blocked for j in jobs):
                    raise PyshellError(
                        "The Wait-Job cmdlet cannot finish working, because one or more jobs are blocked waiting for "
                        "user interaction.  Process interactive job output by using the Receive-Job cmdlet, and then "
                        "try again.", error_id="BlockedJobsDeadlockWithWaitJob", category="DeadlockDetected",
                        target=next(j for j in jobs if j.State == JobState.Blocked))
                if deadline is not None and time.monotonic() >= deadline:
                    return []
                if several:
                    self.write_progress(_waiting_progress(jobs, states))
                pending = next(j for j in jobs if j.State not in states)
                wait = 0.05 if deadline is None else max(0.0, min(0.05, deadline - time.monotonic()))
                pending.wait(wait, states)
                self.check_stop()
        finally:
            if several:
                self.write_progress(_waiting_progress(jobs, states, completed=True))

    def _warn_if_suspended(self, done: list[Job]) -> None:
        if any(j.State in (JobState.Suspended, JobState.Disconnected) for j in done):
            self.write_warning("One or more jobs are in a suspended or disconnected state, and cannot continue without "
                               "additional user input.  Specify the -Force parameter to continue to a completed, "
                               "failed, or stopped state.")


@command("Stop-Job", aliases=("spjb",))
class StopJob(_JobCmdlet):
    """Stops running jobs."""

    Job_ = Param("object[]", position=0, pipeline=True, mandatory=True, sets=("JobParameterSet",))
    PassThru = Param("switch")

    def process(self) -> Iterable[Any]:
        jobs = self.select()
        for j in jobs:
            j.stop()
        for j in jobs:
            j.wait(5, FINISHED)
        return jobs if self.PassThru else ()


@command("Remove-Job", aliases=("rjb",))
class RemoveJob(_JobCmdlet):
    """Deletes jobs from the session."""

    Job_ = Param("object[]", position=0, pipeline=True, mandatory=True, sets=("JobParameterSet",))
    Force = Param("switch", aliases=("F",))
    Command = Param("string[]", sets=("CommandParameterSet",))

    def process(self) -> Iterable[Any]:
        table = _table(self)
        if self.is_bound("Command"):
            pats = [str(c).strip().lower() for c in self.Command or []]
            jobs = [j for j in table.top_level() if any(fnmatch.fnmatchcase(j.Command.strip().lower(), p) for p in pats)]
        else:
            # as RemoveJob.cs: names are looked for among top-level jobs only, ids and instance ids everywhere
            jobs = self.select(recurse=self.parameter_set_name != "NameParameterSet")
        for j in jobs:
            if not j.is_finished:
                if not self.Force and self.parameter_set_name not in ("StateParameterSet", "CommandParameterSet"):
                    self.write_error(PyshellError(self._not_finished(j), error_id="JobObjectNotFinishedCannotBeRemoved",
                                                  category="InvalidOperation", target=j))
                    continue
                j.stop()
                j.wait(5, FINISHED)
            if j not in table:
                self.write_error(PyshellError(
                    "The command cannot remove the job because it does not exist or because it is a child job. Child "
                    "jobs can be removed only by removing the parent job.", error_id="CannotRemoveJob",
                    category="InvalidOperation", target=j))
                continue
            table.remove(j)
        return ()

    def _not_finished(self, j: Job) -> str:
        """RemotingErrorIdStrings *NotCompleted, in an ArgumentException naming the parameter used (JobCmdletBase)."""
        tail = "because the job is not finished. To remove the job, first stop the job, or use the Force parameter."
        if self.parameter_set_name == "NameParameterSet":
            return f"The command cannot remove the job with the job ID {j.Id} and the name {j.Name} {tail} (Parameter 'Name')"
        if self.parameter_set_name == "InstanceIdParameterSet":
            return (f"The command cannot remove the job with the job ID {j.Id} and the instance identifier "
                    f"{j.InstanceId} because the job is not finished. To remove the job, first stop the job or use "
                    "the Force parameter. (Parameter 'InstanceId')")
        param = "Job" if j.Id in self.given_as_objects else "SessionId"
        return f"The command cannot remove the job with the job ID {j.Id} {tail} (Parameter '{param}')"


def _use_powershell_names(*classes: type[Cmdlet]) -> None:
    """Job and Any are PowerShell's parameter names; the Python attributes carry a suffix (`Job_`, `Any_`)
    so that they do not shadow the Job class and typing.Any (as Write-Error's Exception_/ErrorRecord_)."""
    for cls in classes:
        cls.params = {k[:-1] if k in ("Job_", "Any_") else k: p for k, p in cls.params.items()}
        for name in ("Job", "Any"):
            if name in cls.params:
                object.__setattr__(cls.params[name], "name", name)


_use_powershell_names(GetJob, ReceiveJob, WaitJob, StopJob, RemoveJob)
