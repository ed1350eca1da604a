#!/bin/sh
# Installs pyshell's completion scripts where each shell finds them by itself:
#   bash: $XDG_DATA_HOME/bash-completion/completions/pyshell  (loaded on demand by bash-completion)
#   zsh:  $XDG_DATA_HOME/zsh/site-functions/_pyshell          (that folder must be in $fpath before compinit)
#   fish: $XDG_CONFIG_HOME/fish/completions/pyshell.fish      (loaded on demand by fish)
# Usage: completions/install.sh [bash|zsh|fish ...]   (no argument: all three)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
config=${XDG_CONFIG_HOME:-$HOME/.config}
[ $# -gt 0 ] || set -- bash zsh fish

put() {  # put SOURCE DEST
    mkdir -p "$(dirname "$2")"
    cp "$here/$1" "$2"
    echo "installed $2"
}

for shell in "$@"; do
    case $shell in
        bash) put pyshell.bash "$data/bash-completion/completions/pyshell" ;;
        zsh)
            put _pyshell "$data/zsh/site-functions/_pyshell"
            case " ${FPATH:-} " in
                *"$data/zsh/site-functions"*) ;;
                *) echo "zsh: add to ~/.zshrc, before compinit: fpath=($data/zsh/site-functions \$fpath)" ;;
            esac ;;
        fish) put pyshell.fish "$config/fish/completions/pyshell.fish" ;;
        *) echo "install.sh: unknown shell '$shell' (bash, zsh or fish)" >&2; exit 2 ;;
    esac
done
