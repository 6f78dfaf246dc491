"""PaperBench (OpenAI) rubric trees, ``data/papers/<paper>/rubric.json``.

Every node is ``{id, requirements, weight, sub_tasks[], task_category?,
finegrained_task_category?}``; ``weight`` is relative among siblings. The leaves are the
criteria: a leaf's id is its path of 1-based indices (``"1.2.3"``; ``"root"`` for a tree that
is a single leaf), readable but renumbered by an insertion above, so fingerprints hash the
leaf's node ``id`` instead (its text when another leaf writes the same ``id``, or none). Its
points are its ``weight``, its axis is ``task_category`` and its ``finegrained_task_category``
is kept as a tag. The prompt (the paper) is not in the file, so it is ``None``; the root
``requirements`` is kept as ``metadata["task"]``, each leaf's node id under
``metadata["node_ids"]`` and each inner node under ``metadata["groups"]``. A ``config.yaml``
beside the rubric (paper id and title) is not a rubric.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    make_criterion,
    make_rubric,
    value_location,
)
from rift_lint.parsing.errors import ParseError

NAME = "paperbench"


def matches(data: Any) -> bool:
    """A mapping with ``requirements``, ``weight`` and a ``sub_tasks`` list."""
    return (
        isinstance(data, dict)
        and "requirements" in data
        and "weight" in data
        and isinstance(data.get("sub_tasks"), list)
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubric of one tree: its leaves as criteria, in depth-first order."""
    leaves: list[tuple[str, dict[str, Any]]] = []
    groups: dict[str, dict[str, Any]] = {}
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        children = (node.get("sub_tasks") or []) if isinstance(node, dict) else None
        if not isinstance(children, list) or not isinstance(node.get("requirements"), str):
            yield ParseError(
                f"PaperBench node {path or 'root'} needs a 'requirements' string "
                "and a 'sub_tasks' list",
                container_location(node, context),
            )
            continue
        if children:
            groups[path or "root"] = {
                key: node.get(key) for key in ("id", "requirements", "weight")
            }
            prefix = f"{path}." if path else ""
            stack.extend(
                (f"{prefix}{index + 1}", child)
                for index, child in reversed(list(enumerate(children)))
            )
            continue
        leaves.append((path or "root", node))
    node_ids = {path: node.get("id") for path, node in leaves}
    written = Counter(value for value in node_ids.values() if isinstance(value, str) and value)
    criteria = [_leaf_criterion(path, node, written, context) for path, node in leaves]
    yield make_rubric(
        rubric_id=data.get("id") or context.default_id("paperbench"),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        metadata={
            "dataset": "PaperBench",
            "task": data["requirements"],
            "node_ids": node_ids,
            "groups": groups,
        },
    )


def _leaf_criterion(
    path: str, node: dict[str, Any], written: Counter[str], context: RecordContext
) -> Criterion:
    """The criterion of the leaf at ``path``: shown under that path, a :class:`PositionalId`,
    and fingerprinted by the leaf's own ``id`` when ``written`` (the count of each leaf id
    of the tree) says no other leaf writes it (a copied leaf may keep its original's id),
    else by its text."""
    node_id = node.get("id")
    category = node.get("task_category")
    fine = node.get("finegrained_task_category")
    return make_criterion(
        node,
        "requirements",
        criterion_id=PositionalId(path),
        context=context,
        points_raw=node.get("weight"),
        points_location=value_location(node, "weight"),
        axis=category if isinstance(category, str) else None,
        tags=[fine] if isinstance(fine, str) else [],
        written_id=node_id if isinstance(node_id, str) and written[node_id] == 1 else None,
    )
