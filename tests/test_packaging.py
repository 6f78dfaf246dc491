"""The wheel ships taxonomy/ inside the package and reads it with importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.mark.slow
def test_wheel_contains_taxonomy_and_loads_it(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path / "dist"),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("rift_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("rift_lint/taxonomy/"))
    expected = sorted(f"rift_lint/taxonomy/{p.name}" for p in (REPO / "taxonomy").glob("*.yaml"))
    assert shipped == expected and len(shipped) == 8
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "import rift_lint.taxonomy as t; from importlib import resources; "
        "print(resources.files('rift_lint').joinpath('taxonomy').is_dir(), "
        f"len(t.load_modes()), t.__file__.startswith({str(site)!r}))"
    )
    completed = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.split() == ["True", "8", "True"]
