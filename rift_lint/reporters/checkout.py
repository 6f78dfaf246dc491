"""Paths as GitHub matches them to the files of a repository.

GitHub places an annotation or a code scanning alert by the file's path from the root of the
checkout. Under Actions (``GITHUB_WORKSPACE`` set), a step may run in a sub-folder
(``working-directory: rubrics``), where the paths rift-lint reports are relative to that folder.
"""

from __future__ import annotations

import os


def workspace_path(path: str) -> str:
    """``path`` as GitHub matches it to a file of the repository, with forward slashes:
    relative to the checkout (``GITHUB_WORKSPACE``) when it lies inside it, else as given."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(workspace))
        except ValueError:  # another drive on Windows
            relative = os.pardir
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            path = relative
    return path.replace("\\", "/")
