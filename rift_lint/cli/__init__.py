"""The ``rift-lint`` command line: ``check``, ``report``, ``rule``, ``modes``, ``eval``,
``train`` and ``cache``, one module per command (``info`` holds the three small ones).

Exit codes: 0 clean, 1 findings at or above the fail level (or ``eval`` below ``--min-f1``),
2 usage, configuration or I/O errors. Heavy libraries are imported only by the commands and
rules that need them.
"""

from __future__ import annotations

from rift_lint.cli.app import main
from rift_lint.cli.check import check
from rift_lint.cli.evaluate import evaluate_command
from rift_lint.cli.info import cache, modes, rule
from rift_lint.cli.report import report
from rift_lint.cli.train import train

for command in (check, report, rule, modes, cache, evaluate_command, train):
    main.add_command(command)

__all__ = ["main"]
