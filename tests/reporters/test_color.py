"""When the human formats are painted: ``--color`` and the NO_COLOR / FORCE_COLOR conventions."""

from __future__ import annotations

import io

import pytest

from rift_lint.reporters.color import wants_color


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_always_and_never_ignore_the_stream_and_the_environment() -> None:
    assert wants_color("always", io.StringIO(), {"NO_COLOR": "1"})
    assert not wants_color("never", _Terminal(), {"FORCE_COLOR": "1"})


def test_auto_paints_a_terminal_only() -> None:
    assert wants_color("auto", _Terminal(), {})
    assert not wants_color("auto", io.StringIO(), {})
    assert not wants_color("auto", None, {})
    assert not wants_color("auto", _Terminal(), {"TERM": "dumb"})


def test_auto_follows_no_color_then_force_color() -> None:
    assert not wants_color("auto", _Terminal(), {"NO_COLOR": "1"})
    assert not wants_color("auto", _Terminal(), {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert wants_color("auto", io.StringIO(), {"FORCE_COLOR": "1"})
    assert wants_color("auto", _Terminal(), {"NO_COLOR": ""})


def test_auto_never_paints_a_file_even_with_force_color() -> None:
    assert not wants_color("auto", None, {"FORCE_COLOR": "1"})
    assert wants_color("always", None, {})


def test_unknown_choice_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown colour choice 'sometimes'"):
        wants_color("sometimes", None, {})
