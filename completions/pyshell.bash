# bash completion for pyshell. Install: source this file, or copy it to
# ~/.local/share/bash-completion/completions/pyshell
_pyshell() {
    local cur prev words cword
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev=""
    (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
    local opts="-NoProfile -NoLogo -NonInteractive -Command -c -File -f -Version -v -Help -h -? -Vi --echo --demo --speed --auto -"

    if [[ "${COMP_WORDS[1]}" == "lab" ]]; then
        if (( COMP_CWORD == 2 )); then
            COMPREPLY=( $(compgen -W "start stop status" -- "$cur") )
        elif [[ "$prev" == "--hosts" ]]; then
            COMPREPLY=( $(compgen -W "1 2 3 4 5 6 7 8 9" -- "$cur") )
        else
            COMPREPLY=( $(compgen -W "--hosts" -- "$cur") )
        fi
        return 0
    fi

    case "$prev" in
        -File|-file|-f|--demo|-demo)
            COMPREPLY=( $(compgen -f -- "$cur") )
            compopt -o filenames 2>/dev/null
            return 0 ;;
        -Command|-command|-c|--speed|-speed)
            return 0 ;;
    esac

    if (( COMP_CWORD == 1 )) && [[ "$cur" != -* ]]; then
        COMPREPLY=( $(compgen -W "lab" -- "$cur") $(compgen -f -X '!*.ps1' -- "$cur") $(compgen -d -- "$cur") )
        compopt -o filenames 2>/dev/null
        return 0
    fi
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    else
        COMPREPLY=( $(compgen -f -- "$cur") )
        compopt -o filenames 2>/dev/null
    fi
    return 0
}
complete -F _pyshell pyshell
