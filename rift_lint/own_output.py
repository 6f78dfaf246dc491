"""Recognising the files rift-lint writes itself (baselines and the reports of every output
format), so that a run over a folder holding them does not lint them as rubrics.

Only the first bytes are read: each of these files opens in a way a rubric never does,
whatever the file's extension. A JSON baseline, ``json`` or ``sarif`` report names rift-lint
near its top; a ``full``, ``concise``, ``github`` or ``--statistics`` report opens with a
finding (``path:line:col: RL003 ...``), a workflow command (``::group::``), a row of the
per-rule table (``3  RL003  duplicate-criterion``) or the summary of a clean run.
"""

from __future__ import annotations

import re
from pathlib import Path

from rift_lint.parsing import is_supported

SNIFFED_BYTES = 512

_OWN_OPENINGS = (
    re.compile(r'^\{"format":"rift-lint-baseline"'),
    re.compile(r'^\{"schema_version":\d+,"tool":\{"name":"rift-lint"'),
    re.compile(r'^\{"\$schema":"[^"]*sarif[^"]*",.*"driver":\{"name":"rift-lint"'),
)
_OWN_TEXT_OPENINGS = (
    re.compile(r"^(-|.*\.[A-Za-z]+):\d+:\d+: RL\d{3} "),  # a finding, in a file or stdin
    re.compile(r"^::(group|error|warning|notice)[ :]"),
    re.compile(r"^ *\d+  (RL\d{3}  [a-z-]+|  total)$"),
    re.compile(r"^(All checked: no findings|No findings) in [\d,]+ files? \("),
)
_ANSI_STYLE = re.compile(r"\x1b\[[\d;]*m")


def is_own_output(path: Path) -> bool:
    """Whether ``path``, a file with a rubric extension, is one rift-lint wrote: a JSON
    baseline or report, or a report of a text format (saved as ``.txt``, ``.md``, or under
    any other rubric extension). Unreadable files are not (reading them reports why)."""
    if not is_supported(path):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFFED_BYTES).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return False
    opening = re.sub(rb"\s+", b"", head).decode("utf-8", errors="replace")
    if any(pattern.match(opening) for pattern in _OWN_OPENINGS):
        return True
    first = _ANSI_STYLE.sub("", head.decode("utf-8", errors="replace")).split("\n", 1)[0]
    return any(pattern.match(first) for pattern in _OWN_TEXT_OPENINGS)
