"""The reader of rift-lint's own JSON files: the format tag, the size limit, no NaN."""

from __future__ import annotations

from pathlib import Path

import pytest

from rift_lint.tagged_json import read_tagged_json


class _Refused(Exception):
    pass


def _read(path: Path, max_bytes: int | None = None) -> dict:
    return read_tagged_json(path, "rift-lint-thing", "rift-lint thing", _Refused, max_bytes)


def test_tagged_object_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"format": "rift-lint-thing", "n": [1, 2.5]}')
    assert _read(path) == {"format": "rift-lint-thing", "n": [1, 2.5]}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"format": "rift-lint-thing", "n": NaN}', "not a rift-lint thing (invalid JSON: NaN"),
        ("[1]", 'not a rift-lint thing (no "format": "rift-lint-thing")'),
        ('{"format": "other"}', 'not a rift-lint thing (no "format": "rift-lint-thing")'),
        (b"\xff\xfe{", "not a rift-lint thing (invalid JSON: "),
        ("[" * 100_000, "not a rift-lint thing (its JSON nests too deeply to read)"),
    ],
)
def test_refusals_name_the_file_and_the_reason(
    tmp_path: Path, content: str | bytes, reason: str
) -> None:
    path = tmp_path / "t.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(_Refused) as refused:
        _read(path)
    assert str(refused.value).startswith(f"{path}: {reason}")


def test_size_limit_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"format": "rift-lint-thing", "pad": "' + "x" * 2_000_000 + '"}')
    with pytest.raises(_Refused, match=r"is 2000\d+ bytes, over the 1 MiB limit"):
        _read(path, max_bytes=2**20)
    with pytest.raises(_Refused, match="cannot read rift-lint thing: No such file or directory"):
        _read(tmp_path / "absent.json")
