"""Remoting: PowerShell-style sessions and remote jobs over plain SSH, plus the local SSH lab.

Both ends import parts of it: the client side (in the local pyshell) and the agent (on the
remote host, which has only python3). `lab*.py` run only on the local machine.
"""
