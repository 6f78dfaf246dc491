"""Run the command line with ``python -m rift_lint``."""

from rift_lint.cli import main

main()
