"""The -Help text: pwsh's usage and parameter help, with pyshell's own additions at the end."""

from __future__ import annotations

__all__ = ["USAGE", "HELP"]

USAGE = """Usage: pwsh[.exe] [-Login] [[-File] <filePath> [args]]
                  [-Command { - | <script-block> [-args <arg-array>]
                                | <string> [<CommandParameters>] } ]
                  [-CommandWithArgs <string> [<CommandParameters>]]
                  [-ConfigurationName <string>] [-ConfigurationFile <filePath>]
                  [-CustomPipeName <string>] [-EncodedCommand <Base64EncodedCommand>]
                  [-ExecutionPolicy <ExecutionPolicy>] [-InputFormat {Text | XML}]
                  [-Interactive] [-MTA] [-NoExit] [-NoLogo] [-NonInteractive] [-NoProfile]
                  [-NoProfileLoadTime] [-OutputFormat {Text | XML}]
                  [-SettingsFile <filePath>] [-SSHServerMode] [-STA]
                  [-Version] [-WindowStyle <style>]
                  [-WorkingDirectory <directoryPath>]

       pwsh[.exe] -h | -Help | -? | /?

       pyshell [--echo] - < FILE             (replay commands from stdin as if typed)
       pyshell lab start|stop|status [--hosts N]
       pyshell --demo FILE [--speed S] [--auto]

PowerShell Online Help https://aka.ms/powershell-docs

All parameters are case-insensitive.
"""

HELP = """
-File | -f

    If the value of File is "-", the command text is read from standard input.
    Running "pwsh -File -" without redirected standard input starts a regular
    session. This is the same as not specifying the File parameter at all.

    This is the default parameter if no parameters are present but values are
    present in the command line. The specified script runs in the local scope
    ("dot-sourced"), so that the functions and variables that the script
    creates are available in the current session. Enter the script file path
    and any parameters. File must be the last parameter in the command, because
    all characters typed after the File parameter name are interpreted as the
    script file path followed by the script parameters.

    Parameters passed to the script are passed as literal strings, after
    interpretation by the current shell. A switch parameter takes a Boolean
    value after a colon: -File ./Get-Script.ps1 -All:$False

    Example: "pwsh HelloWorld.ps1"

-Command | -c

    Executes the specified commands (and any parameters) as though they were
    typed at the PowerShell command prompt, and then exits, unless the NoExit
    parameter is specified.

    The value of Command can be "-", a script block, or a string. If the value
    of Command is "-", the command text is read from standard input.

    The Command parameter only accepts a script block for execution when it can
    recognize the value passed to Command as a ScriptBlock type. This is only
    possible when running pwsh from another PowerShell host. The results are
    returned to the parent shell as deserialized XML objects, not live objects.

    If the value of Command is a string, Command must be the last parameter for
    pwsh, because all arguments following it are interpreted as part of the
    command to execute.

    Example: "pwsh -Command {Get-WinEvent -LogName security}"
             "pwsh -Command '& {Get-WinEvent -LogName security}'"

-CommandWithArgs | -cwa

    Executes a PowerShell command with arguments, which are available in the
    automatic variable $args.

    Example: pwsh -CommandWithArgs '$args | % { "arg: $_" }' arg1 arg2

-ConfigurationName | -config

    Specifies a configuration endpoint in which PowerShell is run. Accepted and
    ignored by pyshell.

-ConfigurationFile

    Specifies a session configuration (.pssc) file path. Accepted and ignored
    by pyshell.

-CustomPipeName

    Specifies the name to use for an additional IPC server (named pipe) used for
    debugging and other cross-process communication.

-EncodedCommand | -e | -ec

    Accepts a Base64-encoded string version of a command. Use this parameter to
    submit commands to PowerShell that require complex, nested quoting. The
    Base64 representation must be a UTF-16LE encoded string.

-ExecutionPolicy | -ex | -ep

    Sets the default execution policy for the current session. Accepted and
    ignored on this platform.

-InputFormat | -inp | -if

    Describes the format of data sent to PowerShell. Valid values are "Text"
    (text strings) or "XML" (serialized CLIXML format).

-Interactive | -i

    Present an interactive prompt to the user. Inverse of the NonInteractive
    parameter.

-Login | -l

    On Linux and macOS, starts PowerShell as a login shell, using /bin/sh to
    execute login profiles such as /etc/profile and ~/.profile. It must be the
    first parameter.

-MTA

    Start PowerShell using a multi-threaded apartment. Windows only.

-NoExit | -noe

    Does not exit after running startup commands.

-NoLogo | -nol

    Hides the banner text at startup of interactive sessions.

-NonInteractive | -noni

    This switch is used to create sessions that shouldn't require user input.

-NoProfile | -nop

    Does not load the PowerShell profiles.

-NoProfileLoadTime

    Hides the PowerShell profile load time text shown at startup.

-OutputFormat | -o | -of

    Determines how output from PowerShell is formatted. Valid values are "Text"
    (text strings) or "XML" (serialized CLIXML format).

-SettingsFile | -settings

    Overrides the system-wide powershell.config.json settings file for the
    session.

-SSHServerMode | -sshs

    Used in sshd_config for running PowerShell as an SSH subsystem. Not
    supported by pyshell, whose remoting uses its own agent.

-STA

    Start PowerShell using a single-threaded apartment. Windows only.

-Version | -v

    Displays the version of PowerShell. Additional parameters are ignored.

-WindowStyle | -w

    Sets the window style for the session. Windows only.

-WorkingDirectory | -wd | -wo

    Sets the initial working directory by executing at startup.

-Help, -?, /?

    Displays this help message.

pyshell's own options:

-                     Read commands from standard input, one statement at a time, as if typed.
--echo                With stdin replay: print each prompt and command before its output.
--demo FILE           Play a walkthrough file (--speed S, --auto).
lab start|stop|status Manage the local SSH lab used by the remoting walkthroughs.
"""
