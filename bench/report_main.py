"""The main() of the bench report scripts (standard library only): a command word, then its
arguments."""
import sys


def run(usage, commands):
    """Runs the command that the first argument names with the arguments after it.

    `commands` maps a name to (function, how many arguments, whether more may follow); any
    other call exits, printing `usage`."""
    if len(sys.argv) > 1 and sys.argv[1] in commands:
        function, n, more = commands[sys.argv[1]]
        args = sys.argv[2:]
        if len(args) == n or (more and len(args) > n):
            return function(*args)
    sys.exit(usage)
