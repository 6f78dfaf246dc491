"""A synthetic labelled set whose answer is known: RL101 flags every criterion, but only the
short ones (five words or fewer) are labelled subjective, so a model that learns from text
length recovers the labels exactly while the rule alone is right half the time."""

from __future__ import annotations

import json
from pathlib import Path

SHORT = ("The tone is engaging.", "The answer is clear.", "The summary is concise.")
LONG = (
    "The tone is engaging for a reader of a children's magazine about trains and stations",
    "The answer is clear for a reader who has never used a spreadsheet before today",
    "The summary is concise for a busy manager who reads it on a phone between meetings",
)


def write_labels(path: Path, rubrics: int, offset: int = 0) -> Path:
    """Write ``rubrics`` rubrics of four criteria (two short, two long) as a labels file."""
    lines = []
    for number in range(offset, offset + rubrics):
        criteria = []
        texts = [
            SHORT[number % 3],
            LONG[number % 3],
            SHORT[(number + 1) % 3],
            LONG[(number + 2) % 3],
        ]
        for index, text in enumerate(texts):
            subjective = text in SHORT
            criteria.append(
                {"id": f"c{index}", "text": text, "labels": ["subjective"] if subjective else []}
            )
        lines.append(
            json.dumps(
                {
                    "id": f"synthetic-{number}",
                    "prompt": f"Write note number {number} for the reader.",
                    "criteria": criteria,
                    "labels": [],
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
