# fish completion for pyshell. Install: copy to ~/.config/fish/completions/pyshell.fish
function __pyshell_no_lab
    not __fish_seen_subcommand_from lab
end
function __pyshell_lab_needs_action
    __fish_seen_subcommand_from lab; and not __fish_seen_subcommand_from start stop status
end

complete -c pyshell -n '__fish_use_subcommand' -a lab -d 'Manage the SSH test lab'
complete -c pyshell -n '__pyshell_lab_needs_action' -f -a 'start' -d 'Start the lab sshds'
complete -c pyshell -n '__pyshell_lab_needs_action' -f -a 'stop' -d 'Stop the lab sshds'
complete -c pyshell -n '__pyshell_lab_needs_action' -f -a 'status' -d 'Show the lab hosts'
complete -c pyshell -n '__fish_seen_subcommand_from lab' -l hosts -x -a '1 2 3 4 5 6 7 8 9' -d 'Number of ServerNN hosts'

complete -c pyshell -n '__pyshell_no_lab' -o NoProfile -d 'Do not run the profile script'
complete -c pyshell -n '__pyshell_no_lab' -o NoLogo -d 'Do not print the banner'
complete -c pyshell -n '__pyshell_no_lab' -o NonInteractive -d 'Never prompt'
complete -c pyshell -n '__pyshell_no_lab' -o Command -o c -x -d 'Run the text'
complete -c pyshell -n '__pyshell_no_lab' -o File -o f -r -F -d 'Run a script file'
complete -c pyshell -n '__pyshell_no_lab' -o Version -o v -d 'Print the version and exit'
complete -c pyshell -n '__pyshell_no_lab' -o Help -o h -d 'Print help and exit'
complete -c pyshell -n '__pyshell_no_lab' -o Vi -d 'Vi editing keys'
complete -c pyshell -n '__pyshell_no_lab' -l echo -d 'With stdin replay: print each prompt and command'
complete -c pyshell -n '__pyshell_no_lab' -l demo -r -F -d 'Play a script as a typed walkthrough'
complete -c pyshell -n '__pyshell_no_lab' -l speed -x -d 'Demo typing speed'
complete -c pyshell -n '__pyshell_no_lab' -l auto -d 'Run the demo unattended'
