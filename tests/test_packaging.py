"""The wheel ships taxonomy/ inside the package and reads it with importlib.resources; the
sdist holds the package, the taxonomy and the docs, and nothing picked up by accident; both
carry the licence text that the MIT licence asks to ship with every copy."""

from __future__ import annotations

import ast
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


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
    assert [n for n in names if n.endswith(".dist-info/licenses/LICENSE")], names
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


@pytest.mark.slow
def test_sdist_holds_the_package_taxonomy_and_docs_and_no_stray_readmes(tmp_path: Path) -> None:
    """The sdist's includes are anchored at the top: ``README.md`` once matched every
    README.md of the tree (examples/, benchmarks/labels/, tests/fixtures/...), each alone in
    a folder the sdist otherwise leaves out."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from hatchling.build import build_sdist; build_sdist({str(tmp_path)!r})",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [sdist] = tmp_path.glob("rift_lint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    assert {name.split("/")[0] for name in names} == {
        ".gitignore",
        "LICENSE",
        "PKG-INFO",
        "README.md",
        "docs",
        "pyproject.toml",
        "rift_lint",
        "taxonomy",
    }
    assert [name for name in names if name.endswith("README.md")] == ["README.md"]
    assert {f"taxonomy/{p.name}" for p in (REPO / "taxonomy").glob("*.yaml")} <= set(names)


# Imported only after sentence-transformers has loaded, which requires both.
THROUGH_SENTENCE_TRANSFORMERS = {"torch", "transformers"}


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for path in (REPO / "rift_lint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"rift_lint"}


def test_every_library_the_package_imports_is_a_declared_dependency() -> None:
    """A library rift-lint imports itself is in ``dependencies``, not left to arrive with
    another one (numpy was only there because scikit-learn and spaCy need it)."""
    declared = {
        canonicalize_name(Requirement(line).name)
        for line in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    providers = packages_distributions()
    undeclared = {
        module
        for module in _imported_top_level_modules() - THROUGH_SENTENCE_TRANSFORMERS
        if not declared.intersection(canonicalize_name(d) for d in providers.get(module, []))
    }
    assert undeclared == set()
