"""Integration tests: pyshell against real sshds (the lab) and real terminals."""
