"""The ``rift-lint`` command group: exit codes for failed writes to standard output, for runs
stopped by a signal and for rift-lint's own bugs."""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from rift_lint import __version__
from rift_lint.cli.common import fail
from rift_lint.interruption import Interrupted, interruptible


class _Main(click.Group):
    """The ``rift-lint`` group: a failed write to standard output (a full disk) is an error
    (exit 2) rather than a traceback; a closed pipe (``| head``) ends quietly, as in click.
    A run stopped by Ctrl-C or SIGTERM exits 130 or 143 (128 plus the signal's number, as a
    shell reports it), where click's "Aborted!" exits 1, which CI would read as findings.
    Any other exception is a bug of rift-lint: its traceback is printed and the exit code is
    2, as ruff's, so that CI does not read a crash as findings (exit 1, Python's default)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; exit 2 with the reason when standard output cannot be
        written, or with the traceback of a bug, and 128 plus the signal's number when a
        signal stops the run."""
        try:
            return super().main(*args, **kwargs)
        except Interrupted as stop:
            click.echo(f"\nrift-lint: interrupted ({stop})", err=True)
            sys.exit(128 + stop.signum)
        except Exception as exc:
            if isinstance(exc, OSError) and _writing_stdout(exc):
                fail(f"cannot write to standard output: {exc.strerror or exc}")
            traceback.print_exc()
            fail(
                f"internal error ({type(exc).__name__}: {exc}); this is a bug of rift-lint, "
                "please report it with the traceback above"
            )

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, stopped by :class:`Interrupted` on Ctrl-C or SIGTERM (click would
        catch KeyboardInterrupt itself)."""
        with interruptible():
            return super().invoke(ctx)


def _writing_stdout(error: OSError) -> bool:
    """Whether ``error`` was raised by ``click.echo`` writing to standard output."""
    return any(
        frame.f_code is click.utils.echo.__code__ and not frame.f_locals.get("err")
        for frame, _ in traceback.walk_tb(error.__traceback__)
    )


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rift-lint")
def main() -> None:
    """Lint the rubrics that grade large language models for RIFT failure modes."""
