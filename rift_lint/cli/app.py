"""The ``rift-lint`` command group: exit codes for failed writes to standard output."""

from __future__ import annotations

import traceback
from typing import Any

import click

from rift_lint import __version__
from rift_lint.cli.common import fail


class _Main(click.Group):
    """The ``rift-lint`` group: a failed write to standard output (a full disk) is an error
    (exit 2) rather than a traceback; a closed pipe (``| head``) ends quietly, as in click."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; exit 2 with the reason when standard output cannot be
        written."""
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if not _writing_stdout(exc):
                raise
            fail(f"cannot write to standard output: {exc.strerror or exc}")


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
