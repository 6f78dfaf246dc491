"""Configuration: ``[tool.rift-lint]`` in pyproject.toml, or ``rift-lint.toml``/``.rift-lint.toml``.

For each linted file the nearest configuration file wins (searched from the file's directory
upwards); in one directory ``.rift-lint.toml`` beats ``rift-lint.toml`` beats ``pyproject.toml``
(a pyproject.toml without a ``[tool.rift-lint]`` table does not count). ``--config`` replaces
discovery and ``--isolated`` ignores every file. Unknown keys and bad values raise
:class:`ConfigError`, which the CLI reports with exit code 2.
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import posixpath
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from rift_lint.models import Severity
from rift_lint.regular_file import open_regular_file
from rift_lint.rules import find_rule
from rift_lint.rules.base import Rule
from rift_lint.rules.rl001_parse_error import ParseErrorRule
from rift_lint.selection import SelectorError, is_enabled, normalise_selector, rule_suggestion
from rift_lint.suggestions import did_you_mean
from rift_lint.toml_lines import key_line, syntax_error_position

CONFIG_NAMES = (".rift-lint.toml", "rift-lint.toml", "pyproject.toml")
NEGATION = "!"  # opens a per-file-ignores glob that applies to the files it does not match
DEFAULT_EXCLUDE = [
    "README*",
    "CHANGELOG*",
    "CONTRIBUTING*",
    "LICENSE*",
    "requirements*.txt",
    "*.schema.json",
    ".pre-commit-*.yaml",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
    "tsconfig*.json",
    "mkdocs.y*ml",
    "environment.y*ml",
    "docker-compose*.y*ml",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "NOTICE*",
    "AUTHORS*",
    "CITATION*",
    ".readthedocs.y*ml",
    "codecov.y*ml",
    ".codecov.y*ml",
    ".gitlab-ci.y*ml",
    ".travis.y*ml",
    "appveyor.y*ml",
    "renovate.json",
    ".yamllint*",
    ".markdownlint*",
]
_DOCUMENT_GLOBS = {
    "README*": "readme",
    "CHANGELOG*": "changelog",
    "CONTRIBUTING*": "contributing",
    "LICENSE*": "license",
    "CODE_OF_CONDUCT*": "code_of_conduct",
}
"""The default globs that also skip their project document written in another case
(``Readme.md``, ``license.txt``), by the name they lower-case to."""
_DOCUMENT_SUFFIXES = frozenset({"", ".md", ".markdown", ".txt", ".text", ".rst"})
DEFAULT_CACHE_DIR = ".rift_lint_cache"
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class ConfigError(Exception):
    """An unreadable or invalid configuration; the message names the file and the key."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class NlpSettings(BaseModel):
    """``[tool.rift-lint.nlp]``: which spaCy pipeline the rules use."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    model: str | None = None


class EmbeddingSettings(BaseModel):
    """``[tool.rift-lint.embeddings]``: the sentence-embedding model (a local path or a name)."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    model: str | None = None


def _normalised(selectors: list[str]) -> list[str]:
    return [normalise_selector(selector) for selector in selectors]


Selectors = Annotated[list[str], AfterValidator(_normalised)]
"""Rule codes, prefixes or names, normalised; an unknown one is a bad value of its list (of
its ``per-file-ignores`` entry, so that the error points at the entry's line)."""


def _without_negation(globs: list[str]) -> list[str]:
    for glob in globs:
        if glob.startswith(NEGATION):
            raise ValueError(
                f"{glob!r}: a glob that starts with '!' is read in per-file-ignores only "
                "(the files it does not match); exclude the folders or files to skip"
            )
    return globs


ExcludeGlobs = Annotated[list[str], AfterValidator(_without_negation)]
"""Globs of paths to skip; a negated glob (``!drafts``) is a bad value, as in ruff."""


class Settings(BaseModel):
    """The validated contents of one configuration table."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    select: Selectors = ["ALL"]
    extend_select: Selectors = []
    ignore: Selectors = []
    per_file_ignores: dict[str, Selectors] = {}
    extend_per_file_ignores: dict[str, Selectors] = {}
    severity: dict[str, Severity] = {}
    rules: dict[str, dict[str, Any]] = {}
    fail_level: Severity = Severity.INFO
    exclude: ExcludeGlobs = DEFAULT_EXCLUDE
    extend_exclude: ExcludeGlobs = []
    nlp: NlpSettings = NlpSettings()
    embeddings: EmbeddingSettings = EmbeddingSettings()
    cache_dir: str = DEFAULT_CACHE_DIR
    model: str | None = None


@dataclass
class Config:
    """Settings plus where they came from (globs are relative to ``root``)."""

    settings: Settings
    root: Path
    source: Path | None = None
    _rules: dict[str, Rule] = field(default_factory=dict, repr=False)

    def relative(self, path: Path) -> str:
        """``path`` relative to the config root, with forward slashes (for glob matching).

        A symbolic link is matched under its own name, as the user gave it, not its target's.
        """
        given, followed = (lexical(path), lexical(self.root)), (resolved(path), resolved(self.root))
        for own, root in (given, followed):
            try:
                return PurePosixPath(own.relative_to(root)).as_posix()
            except ValueError:
                continue
        return PurePosixPath(path).as_posix()

    @property
    def cache_dir(self) -> Path:
        """The cache directory (relative paths are relative to the config root)."""
        return self.root / self.settings.cache_dir

    @cached_property
    def nlp_model(self) -> str | None:
        """``[nlp] model``, with a path resolved as :meth:`_model_location` does (once: every
        batch of rubrics asks)."""
        return self._model_location(self.settings.nlp.model)

    @cached_property
    def embedding_model(self) -> str | None:
        """``[embeddings] model``, with a path resolved as :meth:`_model_location` does."""
        return self._model_location(self.settings.embeddings.model)

    def _model_location(self, written: str | None) -> str | None:
        """A model setting: the folder it names relative to the config root when that folder
        exists (as ``cache-dir`` and ``model`` are read), otherwise the text as written (a
        package or model name, or a path from the working directory)."""
        if not written:
            return written
        candidate = self.root / Path(written).expanduser()
        return str(candidate.resolve()) if candidate.exists() else written

    def model_error(self, table: str, error: Exception) -> ConfigError:
        """A model that cannot be loaded, blamed on the line of the configuration that names
        it: a spaCy or embedding model (``table``: "nlp" or "embeddings"), or with ``table``
        "" the decision model of the top-level ``model``."""
        where = self._where(*filter(None, [table]), "model")
        name = _table_name(self.source, table)
        return ConfigError(f"{where}: {name} {error}" if name else f"{where}: {error}")

    def is_excluded(self, path: Path) -> bool:
        """Whether ``path`` matches an ``exclude`` or ``extend-exclude`` glob."""
        globs = self._exclude_globs
        relative = self.relative(path)
        return _glob_match(relative, globs, path) or _document_match(relative, globs)

    def is_excluded_folder(self, folder: Path) -> bool:
        """Whether an ``exclude`` or ``extend-exclude`` glob matches the folder ``folder``, and
        so everything in it. Only a folder below this configuration's root is judged: its
        globs say nothing of the folders that hold the root."""
        relative = self.relative(folder)
        if relative == "." or PurePosixPath(relative).is_absolute():
            return False
        return _glob_match(relative, self._exclude_globs, folder, is_folder=True)

    @cached_property
    def _exclude_globs(self) -> list[str]:
        """``exclude`` and ``extend-exclude`` together (joined once: every file and folder of
        a search asks)."""
        return [*self.settings.exclude, *self.settings.extend_exclude]

    def file_ignores(self, path: Path) -> list[str]:
        """Selectors ignored for ``path`` by ``per-file-ignores`` and
        ``extend-per-file-ignores``: those of each glob that matches it, and of each negated
        glob (``!rubrics/**``, as in ruff) that does not."""
        relative = self.relative(path)
        tables = (self.settings.per_file_ignores, self.settings.extend_per_file_ignores)
        return [
            code
            for table in tables
            for glob, codes in table.items()
            if _glob_match(relative, [glob.removeprefix(NEGATION)], path)
            != glob.startswith(NEGATION)
            for code in codes
        ]

    def enabled(self, code: str, extra_ignores: tuple[str, ...] | list[str] = ()) -> bool:
        """Whether the rule ``code`` runs, given select, extend-select, ignore and extras.

        A file that cannot be read (RL001) is reported whatever the selection, as ruff
        reports syntax errors: only an ``ignore`` (or a per-file ignore) that names it
        switches it off, so a run that selects other rules never says "all checked" of a
        file it did not read."""
        settings = self.settings
        ignore = [*settings.ignore, *extra_ignores]
        select = [*settings.select, *settings.extend_select]
        if code == ParseErrorRule.code:
            select = [*select, "ALL"]
        return is_enabled(code, select, ignore)

    def severity(self, rule: type[Rule]) -> Severity:
        """The configured severity of a rule (by code or name), else its default."""
        for key, severity in self.settings.severity.items():
            if find_rule(key) is rule:
                return severity
        return rule.default_severity

    def rule(self, rule_class: type[Rule]) -> Rule:
        """An instance of ``rule_class`` with its configured options (cached)."""
        if rule_class.code not in self._rules:
            self._rules[rule_class.code] = rule_class(self._options(rule_class))
        return self._rules[rule_class.code]

    def _options(self, rule_class: type[Rule]) -> Any:
        rules = self.settings.rules
        written = next((key for key in rules if find_rule(key) is rule_class), rule_class.code)
        values = {name.replace("-", "_"): value for name, value in rules.get(written, {}).items()}
        try:
            return rule_class.Options.model_validate(values)
        except ValidationError as exc:
            section = _table_name(self.source, f"rules.{written}")
            where = self._where("rules", written, *_error_path(exc))
            raise ConfigError(
                f"{where}: {section} {_first_error(exc, rule_class.Options)}"
            ) from None

    def validate_rules(self) -> None:
        """Check that every ``rules`` and ``severity`` key names a rule, each rule once (not
        by its code and again by its name), and that the options are valid."""
        named: dict[type[Rule], str] = {}
        for key in self.settings.rules:
            self.rule(self._named_once("rules", key, named))
        named = {}
        for key in self.settings.severity:
            self._named_once("severity", key, named)

    def _named_once(self, table: str, key: str, named: dict[type[Rule], str]) -> type[Rule]:
        """The rule ``key`` of ``table`` names, recorded in ``named``; a :class:`ConfigError`
        when it names none, or one an earlier key of the table names already."""
        rule_class = find_rule(key)
        if rule_class is None:
            name = _table_name(self.source, table)
            raise ConfigError(
                f"{self._where(table, key)}: {name} unknown rule {key!r}{rule_suggestion(key)}"
            )
        if rule_class in named:
            tables = " and ".join(
                _table_name(self.source, f"{table}.{written}")
                for written in (named[rule_class], key)
            )
            what = "options" if table == "rules" else "severity"
            raise ConfigError(
                f"{self._where(table, key)}: {tables} both set the {what} of {rule_class.code} "
                f"({rule_class.name}): keep one"
            )
        named[rule_class] = key
        return rule_class

    def _where(self, *path: str) -> str:
        """The configuration file, with the line of the key at ``path`` when it is found."""
        return _located(self.source, path) if self.source else "configuration"


def lexical(path: Path) -> Path:
    """``path`` made absolute and normalised (``.`` and ``..`` folded) without following
    symbolic links, so that a link keeps the name the user gave it."""
    return Path(os.path.normpath(path.absolute()))


def resolved(path: Path) -> Path:
    """``path`` with its symbolic links followed (``Path.resolve``), or :func:`lexical` when
    they loop, which ``resolve`` raises RuntimeError on (reading the file says why)."""
    try:
        return path.resolve()
    except RuntimeError:
        return lexical(path)


def _located(source: Path, path: Sequence[str]) -> str:
    """``source``, followed by ``:<line>`` when the key at ``path`` is found in it."""
    prefix = ["tool", "rift-lint"] if source.name == "pyproject.toml" else []
    try:
        line = key_line(source.read_text(encoding="utf-8-sig"), [*prefix, *path])
    except (OSError, UnicodeDecodeError):
        line = None
    return f"{source}:{line}" if line else str(source)


def _table_name(source: Path | None, name: str = "") -> str:
    """How the user wrote the table ``name`` (the top table when empty): under
    ``tool.rift-lint`` in pyproject.toml; the top table of a rift-lint.toml has no name."""
    if source is not None and source.name == "pyproject.toml":
        return f"[tool.rift-lint.{name}]" if name else "[tool.rift-lint]"
    return f"[{name}]" if name else ""


def _glob_match(
    relative: str, globs: list[str], path: Path | None = None, is_folder: bool = False
) -> bool:
    """Whether a glob matches the path, its file name, or one of its folders (by path or
    name), so that ``drafts`` covers everything under ``drafts/`` as in ruff and .gitignore.
    A glob ending in ``/`` matches folders only, as in .gitignore (``is_folder``: the path is
    a folder itself). An absolute glob (one a base configuration wrote relative to its own
    folder, see :func:`_rebased_glob`) is matched against the absolute ``path`` and its
    folders."""
    within = PurePosixPath(relative)
    folders = [*([within] if is_folder else []), *(p for p in within.parents if p.name)]
    folder_names = [*(str(f) for f in folders), *(f.name for f in folders)]
    candidates = [relative, within.name, *folder_names]
    absolute, absolute_folders = "", []
    if path is not None and any(glob.startswith("/") for glob in globs):
        absolute = lexical(path).as_posix()
        above = PurePosixPath(absolute).parents
        absolute_folders = [*([absolute] if is_folder else []), *(str(f) for f in above)]
    for glob in globs:
        rooted = glob.startswith("/")
        for g in _glob_forms(glob):
            if g.endswith("/"):
                names, g = (absolute_folders if rooted else folder_names), g.rstrip("/")
            else:
                names = [absolute, *absolute_folders] if rooted else candidates
            if any(fnmatch.fnmatch(name, g) for name in names):
                return True
    return False


def _document_match(relative: str, globs: list[str]) -> bool:
    """Whether the file is a project document that one of ``globs``, a default glob of
    :data:`_DOCUMENT_GLOBS`, names in another case: the name alone or with a prose extension
    (``Readme.md``, ``license.txt``, ``Contributing.md``, ``readme.en.md``), as GitHub finds
    these documents in any case. Other names that start alike in lower case stay rubrics
    (``readme_quality.yaml``, ``license.yaml``), and other globs match as written, in their
    case, as in ruff."""
    name = PurePosixPath(relative.lower()).name
    stem, suffix = name.split(".", 1)[0], PurePosixPath(name).suffix
    return suffix in _DOCUMENT_SUFFIXES and any(_DOCUMENT_GLOBS.get(g) == stem for g in globs)


@cache
def _glob_forms(glob: str) -> tuple[str, ...]:
    """The forms of a glob to match: without a leading ``./`` (paths are relative to the
    config's folder already), and with ``**/`` also matching no folder at all, as in ruff and
    .gitignore (``drafts/**/*.yaml`` covers ``drafts/a.yaml``). Worked out once per glob: every
    file a run finds is matched against every glob."""
    while glob.startswith("./"):
        glob = glob[2:]
    return tuple(dict.fromkeys((glob, glob.replace("**/", ""))))


def _error_keys(exc: ValidationError) -> list[str]:
    """The keys of the first validation error as written in the file: the field in kebab case,
    then the keys and list indexes below it (``["per-file-ignores", "a_b/*.yaml"]``)."""
    loc = exc.errors()[0]["loc"]
    return [_kebab(str(part)) for part in loc[:1]] + [str(part) for part in loc[1:]]


def _error_path(exc: ValidationError) -> list[str]:
    """The key path of the first validation error, down to the key that holds the bad value
    (a list index is no key: ``["rules", "RL101"]``, ``["extend-terms"]``)."""
    loc = exc.errors()[0]["loc"]
    ints = [index for index, part in enumerate(loc) if isinstance(part, int)]
    return _error_keys(exc)[: ints[0] if ints else len(loc)]


def _dotted(keys: list[str]) -> str:
    """Keys joined as a TOML dotted key, quoting those that are not bare (globs)."""
    return ".".join(key if _BARE_KEY.fullmatch(key) else json.dumps(key) for key in keys)


def _first_error(exc: ValidationError, model: type[BaseModel]) -> str:
    """The first validation error of a table that ``model`` reads, naming the key: an
    unknown key with the known key of its table it is likely a slip for."""
    error = exc.errors()[0]
    key = _dotted(_error_keys(exc)) or "(root)"
    if error["type"] == "extra_forbidden":
        known = _known_keys(model, error["loc"][:-1])
        return f"unknown key {key!r}{did_you_mean(_kebab(str(error['loc'][-1])), known)}"
    message = error["msg"].removeprefix("Value error, ")
    return f"bad value for {key!r}: {message}"


def _known_keys(model: type[BaseModel], table: Sequence[Any]) -> list[str]:
    """The keys, as written, of the table at the key path ``table`` below the table that
    ``model`` reads (``["nlp"]``: those of ``[nlp]``); none for a table of free keys."""
    for part in table:
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    keys = [_kebab(name) for name in model.model_fields]
    return [*keys, "extend"] if model is Settings else keys


def _table(path: Path) -> dict[str, Any] | None:
    try:
        with open_regular_file(path) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8-sig").read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position, message = syntax_error_position(text, str(exc))
        where = f"{path}:{position}" if position else str(path)
        raise ConfigError(f"{where}: invalid TOML: {message}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: values nest too deeply to read") from None
    return _pyproject_table(path, data) if path.name == "pyproject.toml" else data


def _pyproject_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The ``[tool.rift-lint]`` table of the pyproject.toml ``path``, also written
    ``[tool.rift_lint]``, as keys may be written with ``_`` (both is an error); ``None``
    when there is neither."""
    tool = data.get("tool", {})
    names = [name for name in ("rift-lint", "rift_lint") if isinstance(tool, dict) and name in tool]
    if len(names) > 1:
        raise ConfigError(
            f"{_located(path, [])}: [tool.rift-lint] and [tool.rift_lint] are one table "
            "(written with '-' or '_'): keep one"
        )
    table = tool[names[0]] if names else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool] {names[0]} must be a table, not {table!r}")
    return table


def load_config(path: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read and validate one configuration file; ``overrides`` are CLI settings on top."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.rift-lint] table")
    return build_config(_extended(table, path), path.parent, path, overrides)


_PATH_KEYS = ("cache-dir", "model")
MODEL_TABLES = ("nlp", "embeddings")
_GLOB_LISTS = ("exclude", "extend-exclude")
_GLOB_TABLES = ("per-file-ignores", "extend-per-file-ignores")
_JOINED_KEYS = ("extend-select", "extend-exclude", "extend-per-file-ignores")


def _extended(table: dict[str, Any], path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """``table`` (of the file ``path``) over the configuration its ``extend`` key names, as
    in ruff: each key the file sets replaces the base's, except ``extend-select``,
    ``extend-exclude`` and ``extend-per-file-ignores``, which add to the base's (a file that
    sets ``select`` drops the base's ``extend-select``: its selection starts afresh); the keys
    it does not set come from the base (which may extend another in turn). The base is
    validated on its own, so its errors name its file, and its paths and globs keep meaning
    what they meant there: they are made absolute (:func:`_rebased`)."""
    if "extend" not in table:
        return table
    written = table["extend"]
    where = _located(path, ["extend"])
    if not isinstance(written, str) or not written:
        raise ConfigError(f"{where}: extend must be the path of a configuration file")
    base_path = lexical(path.parent / Path(written).expanduser())
    seen = (*seen, lexical(path))
    if base_path in seen:
        chain = " -> ".join(p.as_posix() for p in (*seen, base_path))
        raise ConfigError(f"{where}: extend makes a cycle: {chain}")
    if not os.path.isfile(base_path):
        raise ConfigError(f"{where}: extend names {base_path}, which is not a file")
    base = _table(base_path)
    if base is None:
        raise ConfigError(f"{where}: extend names {base_path}, which has no [tool.rift-lint]")
    base = _extended(base, base_path, seen)
    build_config(base, base_path.parent, base_path)
    own = {key: value for key, value in table.items() if key != "extend"}
    names = {_name(key) for key in own}
    rebased = _rebased(base, base_path.parent)
    if "select" in names:  # a new selection starts afresh, as --select does
        rebased = {k: v for k, v in rebased.items() if _name(k) != "extend-select"}
    joined = {
        key: _joined(rebased[base_key], value)
        for key, value in own.items()
        for base_key in rebased
        if _name(key) == _name(base_key) and _name(key) in _JOINED_KEYS
    }
    kept = {k: v for k, v in rebased.items() if _name(k) not in names}
    return {**kept, **own, **joined}


def _name(key: str) -> str:
    """A configuration key as the settings read it: the same written with ``_`` or ``-``."""
    return key.replace("_", "-")


def _joined(base: Any, own: Any) -> Any:
    """An ``extend-`` key of a nested file added to its base's: lists joined, and tables
    joined by glob (a glob in both keeps the codes of both). Values of another shape are the
    nested file's, for validation to judge."""
    if isinstance(base, list) and isinstance(own, list):
        return [*base, *own]
    tables = (base, own)
    if all(isinstance(t, dict) and all(isinstance(c, list) for c in t.values()) for t in tables):
        both = {glob: [*base[glob], *own[glob]] for glob in base.keys() & own.keys()}
        return {**base, **own, **both}
    return own


def _rebased(table: dict[str, Any], root: Path) -> dict[str, Any]:
    """A base configuration's keys with what they say relative to its folder ``root`` made
    absolute: ``cache-dir`` and ``model``, the model folders of ``[nlp]`` and
    ``[embeddings]`` that exist there, and the globs of ``exclude``, ``extend-exclude``,
    ``per-file-ignores`` and ``extend-per-file-ignores`` that hold a ``/`` (a bare name
    matches anywhere already). Keys may be written with ``_`` as with ``-``, as the settings
    read them."""
    rebased = dict(table)
    for key, value in table.items():
        name = key.replace("_", "-")
        if name in _PATH_KEYS and isinstance(value, str):
            rebased[key] = (root / Path(value).expanduser()).as_posix()
        elif name in MODEL_TABLES and isinstance(value, dict):
            model = value.get("model")
            if isinstance(model, str) and (root / model).exists():
                rebased[key] = {**value, "model": (root / model).as_posix()}
        elif name in _GLOB_LISTS and isinstance(value, list):
            rebased[key] = [_rebased_glob(glob, root) for glob in value]
        elif name in _GLOB_TABLES and isinstance(value, dict):
            rebased[key] = {_rebased_glob(glob, root): codes for glob, codes in value.items()}
    return rebased


def _rebased_glob(glob: Any, root: Path) -> Any:
    """A base configuration's glob, relative to its folder ``root``, as an absolute glob (a
    negated glob stays negated); a bare name (``drafts``, ``drafts/``), which matches
    anywhere, is left as it is."""
    if isinstance(glob, str) and glob.startswith(NEGATION):
        return NEGATION + _rebased_glob(glob.removeprefix(NEGATION), root)
    if not isinstance(glob, str) or glob.startswith("/") or "/" not in glob.rstrip("/"):
        return glob
    folded = posixpath.normpath(f"{root.as_posix()}/{glob}")  # "./" and "../" folded
    return folded + "/" if glob.endswith("/") else folded


def build_config(
    table: dict[str, Any],
    root: Path,
    source: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Validate a configuration table (plus CLI overrides) into a :class:`Config`."""
    where = str(source) if source else "configuration"
    _refuse_twin_spellings(table, source)
    try:
        settings = Settings.model_validate(table)
        if overrides:
            settings = Settings.model_validate(
                {**settings.model_dump(), **_merge_overrides(settings, overrides)}
            )
    except ValidationError as exc:
        section = _table_name(source)
        where = _located(source, _error_path(exc)) if source else where
        message = f"{where}: {section} {_first_error(exc, Settings)}"
        raise ConfigError(message.replace("  ", " ")) from None
    except SelectorError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    config = Config(settings=settings, root=root, source=source)
    config.validate_rules()
    return config


def _refuse_twin_spellings(table: dict[str, Any], source: Path | None) -> None:
    """A key written twice, once with ``-`` and once with ``_`` (``fail-level`` and
    ``fail_level``), in the top level, ``[nlp]``, ``[embeddings]`` or a ``[rules.X]`` table:
    the settings read both as one key, so the file is ambiguous. (Globs and rule names,
    the keys of the other tables, are not settings.)"""
    rules = table.get("rules")
    scopes: list[tuple[list[str], Any]] = [([], table)]
    scopes += [([key], value) for key, value in table.items() if _name(key) in MODEL_TABLES]
    if isinstance(rules, dict):
        scopes += [(["rules", key], value) for key, value in rules.items()]
    for path, scope in scopes:
        if not isinstance(scope, dict):
            continue
        seen: dict[str, str] = {}
        for key in scope:
            first = seen.setdefault(_name(key), key)
            if first != key:
                where = _located(source, [*path, key]) if source else "configuration"
                raise ConfigError(
                    f"{where}: {first!r} and {key!r} are one key (written with '-' or '_'): "
                    "keep one"
                )


def _merge_overrides(settings: Settings, overrides: dict[str, Any]) -> dict[str, Any]:
    """The command line's settings over the file's. ``--select`` starts the selection
    afresh, as in ruff: the file's ``ignore`` and ``extend-select`` are dropped with its
    ``select`` (``per-file-ignores`` still apply). Otherwise ``--ignore`` and
    ``--extend-select`` add to the file's lists."""
    merged = dict(overrides)
    if "select" in overrides:
        merged.setdefault("ignore", [])
        merged.setdefault("extend_select", [])
        return merged
    if "ignore" in overrides:
        merged["ignore"] = [*settings.ignore, *overrides["ignore"]]
    if "extend_select" in overrides:
        merged["extend_select"] = [*settings.extend_select, *overrides["extend_select"]]
    return merged


class ConfigResolver:
    """Finds and caches the configuration that applies to each file; ``isolated`` says that
    every configuration file is ignored (``--isolated`` without ``--config``)."""

    def __init__(
        self,
        explicit: Path | None = None,
        isolated: bool = False,
        overrides: dict[str, Any] | None = None,
    ) -> None:
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.isolated = isolated and explicit is None
        self._by_directory: dict[Path, Config] = {}
        self._excluded_folders: dict[Path, bool] = {}
        self._fixed: Config | None = None
        if explicit is not None:
            self._fixed = load_config(explicit, self.overrides)
        elif isolated:
            self._fixed = build_config({}, Path.cwd(), None, self.overrides)

    def for_path(self, path: Path) -> Config:
        """The configuration of the nearest config file above ``path`` (or the defaults).

        A path whose status cannot be read (too long a name, a folder that cannot be searched)
        is taken for a file, as a missing one is: reading it says why."""
        if self._fixed is not None:
            return self._fixed
        directory = lexical(path) if os.path.isdir(path) else lexical(path).parent
        return self._for_directory(directory)

    def is_excluded(self, path: Path) -> bool:
        """Whether ``exclude``/``extend-exclude`` skip ``path``: those of its configuration,
        or those of the configuration above one of its folders, which skip the whole folder
        as in ruff (a folder's own configuration, such as a vendored project's, does not
        bring back a folder its parent excludes). The folders below the working directory
        are judged, from the top down, so an excluded folder's configurations are never
        read, nor any above the working directory that the file's own does not need."""
        in_excluded = self._in_excluded_folder(lexical(path).parent)
        return in_excluded or self.for_path(path).is_excluded(path)

    def _in_excluded_folder(self, folder: Path) -> bool:
        """Whether ``folder`` (lexical), or a folder that holds it, below the working
        directory, is excluded by the configuration above it; remembered per folder, as every
        file of a folder asks."""
        if folder not in self._excluded_folders:
            below = self._working_directory in folder.parents
            self._excluded_folders[folder] = below and (
                self._in_excluded_folder(folder.parent) or self.is_excluded_folder(folder)
            )
        return self._excluded_folders[folder]

    @cached_property
    def _working_directory(self) -> Path:
        return lexical(Path.cwd())

    def is_excluded_folder(self, folder: Path) -> bool:
        """Whether the configuration of the folder that holds ``folder`` excludes it: a
        directory search does not enter it."""
        above = lexical(folder).parent
        config = self._fixed or self._for_directory(above)
        return config.is_excluded_folder(folder)

    def _for_directory(self, directory: Path) -> Config:
        """The configuration of ``directory``: its own file, else its parent's. A file whose
        status cannot be read (the folder cannot be searched) is not found."""
        if directory in self._by_directory:
            return self._by_directory[directory]
        config = None
        for name in CONFIG_NAMES:
            candidate = directory / name
            if os.path.isfile(candidate):
                table = _table(candidate)
                if table is not None:
                    table = _extended(table, candidate)
                    config = build_config(table, directory, candidate, self.overrides)
                    break
        if config is None:
            parent = directory.parent
            if parent != directory:
                config = self._for_directory(parent)
            else:
                config = build_config({}, Path.cwd(), None, self.overrides)
        self._by_directory[directory] = config
        return config
