"""Get-Verb: PowerShell's approved verbs (System.Management.Automation.VerbInfo), as pwsh 7.4 lists them.

The table is data: each verb's alias prefix, group (the Verbs<Group> class that declares it) and
its one-line description.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import WildcardPattern

__all__ = ["VerbInfo", "GetVerb", "VERBS", "GROUPS"]

GROUPS = ("Common", "Communications", "Data", "Diagnostic", "Lifecycle", "Other", "Security")

#: verb -> (alias prefix, group, description)
VERBS: dict[str, tuple[str, str, str]] = {
    "Add": ("a", "Common", "Adds a resource to a container, or attaches an item to another item"),
    "Approve": ("ap", "Lifecycle", "Confirms or agrees to the status of a resource or process"),
    "Assert": ("as", "Lifecycle", "Affirms the state of a resource"),
    "Backup": ("ba", "Data", "Stores data by replicating it"),
    "Block": ("bl", "Security", "Restricts access to a resource"),
    "Build": ("bd", "Lifecycle", "Creates an artifact (usually a binary or document) out of some set of input files "
              "(usually source code or declarative documents)"),
    "Checkpoint": ("ch", "Data", "Creates a snapshot of the current state of the data or of its configuration"),
    "Clear": ("cl", "Common", "Removes all the resources from a container but does not delete the container"),
    "Close": ("cs", "Common", "Changes the state of a resource to make it inaccessible, unavailable, or unusable"),
    "Compare": ("cr", "Data", "Evaluates the data from one resource against the data from another resource"),
    "Complete": ("cmp", "Lifecycle", "Concludes an operation"),
    "Compress": ("cm", "Data", "Compacts the data of a resource"),
    "Confirm": ("cn", "Lifecycle", "Acknowledges, verifies, or validates the state of a resource or process"),
    "Connect": ("cc", "Communications", "Creates a link between a source and a destination"),
    "Convert": ("cv", "Data", "Changes the data from one representation to another when the cmdlet supports "
                "bidirectional conversion or when the cmdlet supports conversion between multiple data types"),
    "ConvertFrom": ("cf", "Data", "Converts one primary type of input (the cmdlet noun indicates the input) to one "
                    "or more supported output types"),
    "ConvertTo": ("ct", "Data", "Converts from one or more types of input to a primary output type (the cmdlet noun "
                  "indicates the output type)"),
    "Copy": ("cp", "Common", "Copies a resource to another name or to another container"),
    "Debug": ("db", "Diagnostic", "Examines a resource to diagnose operational problems"),
    "Deny": ("dn", "Lifecycle", "Refuses, objects, blocks, or opposes the state of a resource or process"),
    "Deploy": ("dp", "Lifecycle", "Sends an application, website, or solution to a remote target[s] in such a way "
               "that a consumer of that solution can access it after deployment is complete"),
    "Disable": ("d", "Lifecycle", "Configures a resource to an unavailable or inactive state"),
    "Disconnect": ("dc", "Communications", "Breaks the link between a source and a destination"),
    "Dismount": ("dm", "Data", "Detaches a named entity from a location"),
    "Edit": ("ed", "Data", "Modifies existing data by adding or removing content"),
    "Enable": ("e", "Lifecycle", "Configures a resource to an available or active state"),
    "Enter": ("et", "Common", "Specifies an action that allows the user to move into a resource"),
    "Exit": ("ex", "Common", "Sets the current environment or context to the most recently used context"),
    "Expand": ("en", "Data", "Restores the data of a resource that has been compressed to its original state"),
    "Export": ("ep", "Data", "Encapsulates the primary input into a persistent data store, such as a file, or into "
               "an interchange format"),
    "Find": ("fd", "Common", "Looks for an object in a container that is unknown, implied, optional, or specified"),
    "Format": ("f", "Common", "Arranges objects in a specified form or layout"),
    "Get": ("g", "Common", "Specifies an action that retrieves a resource"),
    "Grant": ("gr", "Security", "Allows access to a resource"),
    "Group": ("gp", "Data", "Arranges or associates one or more resources"),
    "Hide": ("h", "Common", "Makes a resource undetectable"),
    "Import": ("ip", "Data", "Creates a resource from data that is stored in a persistent data store (such as a "
               "file) or in an interchange format"),
    "Initialize": ("in", "Data", "Prepares a resource for use, and sets it to a default state"),
    "Install": ("is", "Lifecycle", "Places a resource in a location, and optionally initializes it"),
    "Invoke": ("i", "Lifecycle", "Performs an action, such as running a command or a method"),
    "Join": ("j", "Common", "Combines resources into one resource"),
    "Limit": ("l", "Data", "Applies constraints to a resource"),
    "Lock": ("lk", "Common", "Secures a resource"),
    "Measure": ("ms", "Diagnostic", "Identifies resources that are consumed by a specified operation, or retrieves "
                "statistics about a resource"),
    "Merge": ("mg", "Data", "Creates a single resource from multiple resources"),
    "Mount": ("mt", "Data", "Attaches a named entity to a location"),
    "Move": ("m", "Common", "Moves a resource from one location to another"),
    "New": ("n", "Common", "Creates a resource"),
    "Open": ("op", "Common", "Changes the state of a resource to make it accessible, available, or usable"),
    "Optimize": ("om", "Common", "Increases the effectiveness of a resource"),
    "Out": ("o", "Data", "Sends data out of the environment"),
    "Ping": ("pi", "Diagnostic", "Use the Test verb"),
    "Pop": ("pop", "Common", "Removes an item from the top of a stack"),
    "Protect": ("pt", "Security", "Safeguards a resource from attack or loss"),
    "Publish": ("pb", "Data", "Makes a resource available to others"),
    "Push": ("pu", "Common", "Adds an item to the top of a stack"),
    "Read": ("rd", "Communications", "Acquires information from a source"),
    "Receive": ("rc", "Communications", "Accepts information sent from a source"),
    "Redo": ("re", "Common", "Resets a resource to the state that was undone"),
    "Register": ("rg", "Lifecycle", "Creates an entry for a resource in a repository such as a database"),
    "Remove": ("r", "Common", "Deletes a resource from a container"),
    "Rename": ("rn", "Common", "Changes the name of a resource"),
    "Repair": ("rp", "Diagnostic", "Restores a resource to a usable condition"),
    "Request": ("rq", "Lifecycle", "Asks for a resource or asks for permissions"),
    "Reset": ("rs", "Common", "Sets a resource back to its original state"),
    "Resize": ("rz", "Common", "Changes the size of a resource"),
    "Resolve": ("rv", "Diagnostic", "Maps a shorthand representation of a resource to a more complete representation"),
    "Restart": ("rt", "Lifecycle", "Stops an operation and then starts it again"),
    "Restore": ("rr", "Data", "Sets a resource to a predefined state, such as a state set by Checkpoint"),
    "Resume": ("ru", "Lifecycle", "Starts an operation that has been suspended"),
    "Revoke": ("rk", "Security", "Specifies an action that does not allow access to a resource"),
    "Save": ("sv", "Data", "Preserves data to avoid loss"),
    "Search": ("sr", "Common", "Creates a reference to a resource in a container"),
    "Select": ("sc", "Common", "Locates a resource in a container"),
    "Send": ("sd", "Communications", "Delivers information to a destination"),
    "Set": ("s", "Common", "Replaces data on an existing resource or creates a resource that contains some data"),
    "Show": ("sh", "Common", "Makes a resource visible to the user"),
    "Skip": ("sk", "Common", "Bypasses one or more resources or points in a sequence"),
    "Split": ("sl", "Common", "Separates parts of a resource"),
    "Start": ("sa", "Lifecycle", "Initiates an operation"),
    "Step": ("st", "Common", "Moves to the next point or resource in a sequence"),
    "Stop": ("sp", "Lifecycle", "Discontinues an activity"),
    "Submit": ("sb", "Lifecycle", "Presents a resource for approval"),
    "Suspend": ("ss", "Lifecycle", "Pauses an activity"),
    "Switch": ("sw", "Common", "Specifies an action that alternates between two resources, such as to change "
               "between two locations, responsibilities, or states"),
    "Sync": ("sy", "Data", "Assures that two or more resources are in the same state"),
    "Test": ("t", "Diagnostic", "Verifies the operation or consistency of a resource"),
    "Trace": ("tr", "Diagnostic", "Tracks the activities of a resource"),
    "Unblock": ("ul", "Security", "Removes restrictions to a resource"),
    "Undo": ("un", "Common", "Sets a resource to its previous state"),
    "Uninstall": ("us", "Lifecycle", "Removes a resource from an indicated location"),
    "Unlock": ("uk", "Common", "Releases a resource that was locked"),
    "Unprotect": ("up", "Security", "Removes safeguards from a resource that were added to prevent it from attack or "
                  "loss"),
    "Unpublish": ("ub", "Data", "Makes a resource unavailable to others"),
    "Unregister": ("ur", "Lifecycle", "Removes the entry for a resource from a repository"),
    "Update": ("ud", "Data", "Brings a resource up-to-date to maintain its state, accuracy, conformance, or "
               "compliance"),
    "Use": ("u", "Other", "Uses or includes a resource to do something"),
    "Wait": ("w", "Lifecycle", "Pauses an operation until a specified event occurs"),
    "Watch": ("wc", "Common", "Continually inspects or monitors a resource for changes"),
    "Write": ("wr", "Communications", "Adds information to a target"),
}


class VerbInfo:
    """One approved verb (System.Management.Automation.VerbInfo)."""

    PS_TYPE_NAMES = ("System.Management.Automation.VerbInfo", "System.Object")
    PS_PROPERTIES = ("Verb", "AliasPrefix", "Group", "Description")

    def __init__(self, verb: str) -> None:
        self.Verb = verb
        self.AliasPrefix, self.Group, self.Description = VERBS[verb]

    def ps_to_string(self) -> str:
        return "System.Management.Automation.VerbInfo"


@command("Get-Verb")
class GetVerb(Cmdlet):
    """Gets approved PowerShell verbs, each once, filtered by -Verb wildcards and -Group."""

    Verb = Param("string[]", position=0, by_property_name=True)
    Group = Param("string[]", position=1, by_property_name=True, validate_set=GROUPS)

    def process(self) -> Iterator[Any]:
        patterns = [WildcardPattern(to_string(v)) for v in _values(self.Verb)] if self.is_bound("Verb") else None
        groups = {to_string(g).casefold() for g in _values(self.Group)} if self.is_bound("Group") else None
        for verb in sorted(VERBS):
            if groups is not None and VERBS[verb][1].casefold() not in groups:
                continue
            if patterns is not None and not any(p.match(verb) for p in patterns):
                continue
            yield VerbInfo(verb)


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
