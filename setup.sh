#!/bin/sh
# Set up pyshell on this machine and start it with the SSH lab running (README's first command).
# Installs OpenSSH when it is missing (apt-get, through sudo unless root), installs the package and
# the shell completions, starts the lab (Server01, Server02, localhost...) and opens the shell.
set -e
cd "$(dirname "$0")"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=$(command -v sudo || true)
need=""
[ -x /usr/sbin/sshd ] || need="$need openssh-server"
command -v ssh-keygen >/dev/null 2>&1 || need="$need openssh-client"
if [ -n "$need" ]; then
    echo "installing$need"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi

# Debian's own python3 is "externally managed": allow the install, into the user's site when not root.
export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
python3 -m pip install -q -e '.[test]' 2>/dev/null || python3 -m pip install -q --user -e '.[test]'
sh completions/install.sh >/dev/null 2>&1 || true

PYSHELL=$(command -v pyshell || echo "$HOME/.local/bin/pyshell")
"$PYSHELL" lab start
exec "$PYSHELL"
