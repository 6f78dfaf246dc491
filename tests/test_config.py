"""Configuration discovery, validation errors (naming the key) and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rift_lint import config as config_module
from rift_lint.cli import main
from rift_lint.config import ConfigError, ConfigResolver, build_config, load_config
from rift_lint.rules import find_rule
from rift_lint.selection import SelectorError, is_enabled, normalise_selector


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load_error(path: Path) -> str:
    """The message of the configuration error that loading ``path`` raises."""
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def test_nearest_config_wins_and_dot_file_beats_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.rift-lint]\nignore = ["RL002"]\n')
    _write(tmp_path / "sub" / "rift-lint.toml", 'ignore = ["RL003"]\n')
    _write(tmp_path / "sub" / "pyproject.toml", '[tool.rift-lint]\nignore = ["RL004"]\n')
    resolver = ConfigResolver()
    top = resolver.for_path(tmp_path / "a.yaml")
    nested = resolver.for_path(tmp_path / "sub" / "deeper" / "b.yaml")
    assert top.settings.ignore == ["RL002"]
    assert nested.settings.ignore == ["RL003"]
    assert nested.source == tmp_path / "sub" / "rift-lint.toml"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.rift-lint]\nselect = ["RL00"]\n')
    _write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    config = ConfigResolver().for_path(tmp_path / "sub" / "r.yaml")
    assert config.settings.select == ["RL00"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[tool.rift-lint]\nselcet = ["RL1"]\n', "[tool.rift-lint] unknown key 'selcet'"),
        ('[tool.rift-lint]\nfail-level = "fatal"\n', "bad value for 'fail-level'"),
        ('[tool.rift-lint]\nignore = ["RL7"]\n', "Unknown rule selector 'RL7'"),
        (
            "[tool.rift-lint.rules.RL004]\nallow-zro = true\n",
            "[tool.rift-lint.rules.RL004] unknown key 'allow-zro'",
        ),
        (
            '[tool.rift-lint.rules.invalid-points]\nmax-abs-points = "lots"\n',
            "[tool.rift-lint.rules.invalid-points] bad value for 'max-abs-points'",
        ),
        (
            "[tool.rift-lint.rules.nonsense]\nx = 1\n",
            "[tool.rift-lint.rules] unknown rule 'nonsense'",
        ),
        ('[tool.rift-lint.severity]\nRL003 = "loud"\n', "bad value for 'severity.RL003'"),
        (
            '[tool.rift-lint.rules.RL101]\nextend-terms = ["vivid", " "]\n',
            "[tool.rift-lint.rules.RL101] bad value for 'extend-terms': a list entry is empty",
        ),
        (
            "[tool.rift-lint.rules.RL102]\nmin-list-items = 1\n",
            "bad value for 'min-list-items': Input should be greater than or equal to 2",
        ),
        (
            "[tool.rift-lint.rules.RL302]\nprompt-weight = nan\n",
            "bad value for 'prompt-weight': Input should be a finite number",
        ),
        (
            "[tool.rift-lint.rules.RL303]\nmin-containment = -0.5\n",
            "bad value for 'min-containment': Input should be greater than or equal to 0",
        ),
        (
            "[tool.rift-lint.rules.RL303]\nmin-similarity = 80\n",
            "bad value for 'min-similarity': Input should be less than or equal to 1",
        ),
        (
            "[tool.rift-lint.rules.RL302]\ngeneric-threshold = 35\n",
            "bad value for 'generic-threshold': Input should be less than or equal to 1",
        ),
        (
            "[tool.rift-lint.rules.RL303]\nmin-contrast = 10\n",
            "bad value for 'min-contrast': Input should be less than or equal to 2",
        ),
        (
            "[tool.rift-lint.rules.RL302]\nmin-share = 67\n",
            "bad value for 'min-share': Input should be less than or equal to 1",
        ),
        (
            '[tool.rift-lint.rules.RL004]\nallow-zero = "yes"\n',
            "[tool.rift-lint.rules.RL004] bad value for 'allow-zero': Input should be a valid "
            "boolean",
        ),
        (
            '[tool.rift-lint.rules.RL101]\nmin-confidence = "0.7"\n',
            "[tool.rift-lint.rules.RL101] bad value for 'min-confidence': Input should be a "
            "valid number",
        ),
        (
            "[tool.rift-lint.rules.RL102]\nmin-list-items = 2.0\n",
            "bad value for 'min-list-items': Input should be a valid integer",
        ),
        (
            '[tool.rift-lint.rules.RL101]\nextend-terms = "vivid"\n',
            "bad value for 'extend-terms': Input should be a valid tuple",
        ),
        ("[tool.rift-lint\n", "invalid TOML"),
        ("[tool.rift-lint]\nselect = " + "[" * 100_000, "invalid TOML: values nest too deeply"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, toml: str, message: str) -> None:
    path = _write(tmp_path / "pyproject.toml", toml)
    error = _load_error(path)
    assert error.startswith(str(path))
    assert message in error


@pytest.mark.parametrize(
    ("name", "toml", "line"),
    [
        ("pyproject.toml", '[tool.rift-lint]\nselect = ["RL1"]\n\nfail-level = "fatal"\n', 4),
        ("rift-lint.toml", "[rules.RL101]\nmin-confidence = 0.5\n\n[rules.RL1O2]\nx = 1\n", 4),
        ("rift-lint.toml", "# options\n[rules.RL102]\nmin_list_items = 1\n", 3),
        ("rift-lint.toml", 'rules.RL101.min-confidence = "x"\n', 1),
        (
            "rift-lint.toml",
            '[rules]\nRL102 = { min-list-items = 3 }\nRL101 = { min-confidence = "x" }\n',
            3,
        ),
        ("rift-lint.toml", '[severity]\nRL003 = "error"\nRL9 = "error"\n', 3),
        ("rift-lint.toml", '# a\u2028b\r\n[severity]\r\nRL9 = "error"\r\n', 3),
        ("pyproject.toml", "[project]\nname = 'x'\n[tool.rift-lint]\nbogus = 1\n", 4),
        (
            "rift-lint.toml",
            '[per-file-ignores]\n"a.yaml" = ["RL003"]\n"old/*.yaml" = ["RL003", "RL999"]\n',
            3,
        ),
        ("rift-lint.toml", 'select = ["RL0"]\n\n[tool.rift-lint]\nselect = ["RL0"]\n', 3),
        ("rift-lint.toml", 'select = ["RL0"]\ntool.rift-lint.select = ["RL0"]\n', 2),
        ("pyproject.toml", "[tool.rift-lint]\n\n[tool.rift-lint.foo.bar]\nx = 1\n", 3),
        ("rift-lint.toml", '[rules.RL101]\n\nextend-terms = ["vivid", 1]\n', 3),
        ("rift-lint.toml", 'select = ["RL0"]\nexclude = ["drafts", 2]\n', 2),
    ],
)
def test_config_errors_give_the_line_of_the_key(
    tmp_path: Path, name: str, toml: str, line: int
) -> None:
    path = _write(tmp_path / name, toml)
    assert _load_error(path).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[per-file-ignores]\n"old/*.yaml" = ["RL999"]\n',
            "2: bad value for 'per-file-ignores.\"old/*.yaml\"': Unknown rule selector 'RL999'",
        ),
        (
            '[rules.RL101]\nextend-terms = ["vivid", 1]\n',
            "2: [rules.RL101] bad value for 'extend-terms.1'",
        ),
        ('[tool.rift-lint]\nselect = ["RL0"]\n', "1: unknown key 'tool'"),
        ('select = ["RL0"]\nfail-level = \n', "2:14: invalid TOML: Invalid value"),
        ('select = ["RL0"]\nfoo = 1 2\n', "2:9: invalid TOML: Expected newline or end of document"),
        ('select = ["RL0",\n  "RL1"\n\n', "2: invalid TOML: Unclosed array at the end of the file"),
    ],
)
def test_config_errors_point_at_the_entry_or_the_syntax_error(
    tmp_path: Path, toml: str, message: str
) -> None:
    """A bad entry of a table, a table defined by its subtables only, and a TOML syntax error
    (at its line and column; at the last line with content when the file ends too early)."""
    path = _write(tmp_path / "rift-lint.toml", toml)
    assert _load_error(path).startswith(f"{path}:{message}")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('selcet = ["RL1"]\n', "1: unknown key 'selcet'; did you mean 'select'?"),
        ('exten = "../rift-lint.toml"\n', "1: unknown key 'exten'; did you mean 'extend'?"),
        ('fail_levle = "error"\n', "1: unknown key 'fail-levle'; did you mean 'fail-level'?"),
        ('[embedding]\nmodel = "m"\n', "1: unknown key 'embedding'; did you mean 'embeddings'?"),
        ('[nlp]\nmodle = "m"\n', "2: unknown key 'nlp.modle'; did you mean 'model'?"),
        ("[rule.RL004]\nallow-zero = true\n", "1: unknown key 'rule'; did you mean 'rules'?"),
        (
            "[rules.RL004]\nallow-zro = true\n",
            "2: [rules.RL004] unknown key 'allow-zro'; did you mean 'allow-zero'?",
        ),
        ("[rules.RL04]\n", "1: [rules] unknown rule 'RL04'; did you mean 'RL004'?"),
        (
            '[severity]\ninvalid-point = "error"\n',
            "2: [severity] unknown rule 'invalid-point'; did you mean 'invalid-points'?",
        ),
        (
            'ignore = ["RL1O1"]\n',
            "1: bad value for 'ignore': Unknown rule selector 'RL1O1': not a rule code, prefix "
            "or name; did you mean 'RL101'?",
        ),
        ("xyzzy = 1\n", "1: unknown key 'xyzzy'"),
        ('[severity]\nRL10 = "error"\n', "2: [severity] unknown rule 'RL10'"),
        (
            'ignore = ["RL999"]\n',
            "1: bad value for 'ignore': Unknown rule selector 'RL999': not a rule code, prefix "
            "or name",
        ),
    ],
)
def test_an_unknown_key_or_rule_names_the_one_it_is_a_slip_for(
    tmp_path: Path, toml: str, message: str
) -> None:
    """As a misspelt command does, a misspelt key, option or rule says which it is likely a
    slip for; nothing when no name is close, or when several are as close (RL101, RL102)."""
    path = _write(tmp_path / "rift-lint.toml", toml)
    assert _load_error(path) == f"{path}:{message}"


@pytest.mark.parametrize(
    ("name", "table", "error"),
    [
        ("rift-lint.toml", "", "1: unknown key 'selcet'"),
        ("pyproject.toml", "[tool.rift-lint]\n", "2: [tool.rift-lint] unknown key 'selcet'"),
    ],
)
def test_a_configuration_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, name: str, table: str, error: str
) -> None:
    """Windows editors save UTF-8 with a byte order mark; rubric files are read with it, and
    so is configuration, its errors at the line of the key."""
    path = tmp_path / name
    path.write_bytes(f'\ufeff{table}select = ["RL1"]\n'.encode())
    assert load_config(path).settings.select == ["RL1"]
    path.write_bytes(f'\ufeff{table}selcet = ["RL1"]\n'.encode())
    assert _load_error(path) == f"{path}:{error}; did you mean 'select'?"


@pytest.mark.parametrize(
    ("name", "toml", "message"),
    [
        (
            "rift-lint.toml",
            "[rules.RL004]\nallow-zero = true\n\n[rules.invalid-points]\nallow-zero = false\n",
            "4: [rules.RL004] and [rules.invalid-points] both set the options of RL004 "
            "(invalid-points): keep one",
        ),
        (
            "pyproject.toml",
            "[tool.rift-lint.rules]\ninvalid-points = { allow-zero = true }\n"
            "RL004 = { max-abs-points = 5 }\n",
            "3: [tool.rift-lint.rules.invalid-points] and [tool.rift-lint.rules.RL004] both set "
            "the options of RL004 (invalid-points): keep one",
        ),
        (
            "rift-lint.toml",
            '[severity]\nRL003 = "error"\nduplicate-criterion = "info"\n',
            "3: [severity.RL003] and [severity.duplicate-criterion] both set the severity of "
            "RL003 (duplicate-criterion): keep one",
        ),
    ],
)
def test_a_rule_configured_by_code_and_by_name_is_an_error(
    tmp_path: Path, name: str, toml: str, message: str
) -> None:
    """Before, the tables were merged in silence and the last one won."""
    path = _write(tmp_path / name, toml)
    assert _load_error(path) == f"{path}:{message}"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[rules.RL101]\nmin-confidence = 0.5\ntrim-terms = ["engaging", "notaword"]\n',
            "3: [rules.RL101] bad value for 'trim-terms': 'notaword' is no entry of the word list "
            "subjective_terms, so trimming it removes nothing",
        ),
        (
            '[rules.misaligned-or-rigid]\ntrim-format-nouns = ["table"]\n',
            "2: [rules.misaligned-or-rigid] bad value for 'trim-format-nouns': 'table' is no entry "
            "of the word list misaligned_format_nouns, so trimming it removes nothing (it is part "
            "of the line 'table|tabular|tabulate|spreadsheet': trim the whole line)",
        ),
        (
            '[rules.RL202]\ntrim-formats = ["tables", "tabels"]\n',
            "2: [rules.RL202] bad value for 'trim-formats': 'tabels' is no entry of the word list "
            "missing_criteria_formats, so trimming it removes nothing",
        ),
    ],
)
def test_a_trim_entry_that_trims_nothing_is_an_error(
    tmp_path: Path, toml: str, message: str
) -> None:
    """Before, such entries were accepted and removed nothing, in silence."""
    path = _write(tmp_path / "rift-lint.toml", toml)
    assert _load_error(path) == f"{path}:{message}"


@pytest.mark.parametrize(
    ("rule", "options"),
    [
        ("RL101", {"trim-terms": ["Engaging", "=clear"], "trim-mild-terms": ["=Relevant"]}),
        ("RL201", {"trim-format-nouns": ["Table|tabular|tabulate|spreadsheet"]}),
        ("RL202", {"trim-formats": ["tables"], "trim-quantity-cues": ["brief"]}),
        ("RL301", {"trim-items": ["example"], "trim-gates": ["relevant"]}),
    ],
)
def test_trim_entries_of_listed_words_are_accepted(
    rule: str, options: dict[str, list[str]]
) -> None:
    """In any case; RL101 terms in either spelling (lemma or ``=exact``); RL202 entries by one
    variant of a line, RL201's by the whole line (as each rule trims them)."""
    config = build_config({"rules": {rule: options}}, Path.cwd())
    assert list(config.settings.rules) == [rule]


def test_quoted_keys_of_inline_tables_are_found(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rift-lint.toml", '"rules" = { "RL101" = { "min-confidence" = "x" } }\n'
    )
    assert _load_error(path).startswith(f"{path}:1: [rules.RL101] bad value")


def test_per_file_ignores_and_severity(tmp_path: Path) -> None:
    config = build_config(
        {
            "per-file-ignores": {"legacy/*.yaml": ["duplicate-criterion"]},
            "severity": {"RL003": "error"},
        },
        tmp_path,
    )
    assert config.file_ignores(tmp_path / "legacy" / "old.yaml") == ["RL003"]
    assert config.file_ignores(tmp_path / "new.yaml") == []
    from rift_lint.rules import RULES_BY_CODE

    assert config.severity(RULES_BY_CODE["RL003"]).value == "error"
    assert config.severity(RULES_BY_CODE["RL002"]).value == "error"


def test_a_negated_per_file_ignores_glob_applies_to_the_files_it_does_not_match(
    tmp_path: Path,
) -> None:
    config = build_config({"per-file-ignores": {"!rubrics/**": ["RL101"]}}, tmp_path)
    assert config.file_ignores(tmp_path / "rubrics" / "a" / "hb.yaml") == []
    assert config.file_ignores(tmp_path / "drafts" / "hb.yaml") == ["RL101"]


def test_a_base_configurations_negated_glob_stays_relative_to_the_base(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[tool.rift-lint.per-file-ignores]\n"!rubrics/*.yaml" = ["RL101"]\n',
    )
    sub = _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\n')
    config = load_config(sub)
    assert config.file_ignores(tmp_path / "rubrics" / "hb.yaml") == []
    assert config.file_ignores(tmp_path / "sub" / "rubrics" / "hb.yaml") == ["RL101"]


@pytest.mark.parametrize("key", ["exclude", "extend-exclude"])
def test_a_negated_exclude_glob_is_refused(tmp_path: Path, key: str) -> None:
    path = _write(tmp_path / "rift-lint.toml", f'{key} = ["drafts", "!drafts/keep.yaml"]\n')
    error = _load_error(path)
    assert f"{path}:1:" in error
    assert f"bad value for '{key}'" in error
    assert "'!drafts/keep.yaml': a glob that starts with '!' is read in per-file-ignores" in error


def test_selectors_accept_codes_prefixes_names_and_all() -> None:
    assert normalise_selector("rl003") == "RL003"
    assert normalise_selector("duplicate-criterion") == "RL003"
    assert normalise_selector("subjective") == "RL101"
    assert normalise_selector("RL1") == "RL1"
    assert normalise_selector("all") == "ALL"
    with pytest.raises(SelectorError):
        normalise_selector("RL99x")


def test_most_specific_selector_wins() -> None:
    assert is_enabled("RL003", ["ALL"], ["RL0"]) is False
    assert is_enabled("RL003", ["RL003"], ["RL0"]) is True
    assert is_enabled("RL003", ["RL0"], ["RL003"]) is False
    assert is_enabled("RL101", ["RL0"], []) is False


def test_a_check_run_reads_its_configuration_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discovery, the fail level and the linter share one reading of each file."""
    config = _write(tmp_path / "rift-lint.toml", 'ignore = ["RL101"]\n')
    (tmp_path / "r.yaml").write_text("criteria:\n  - text: Cites a source\n", encoding="utf-8")
    built: list[Path | None] = []
    build = config_module.build_config

    def counted(
        table: dict, root: Path, source: Path | None = None, overrides: object = None
    ) -> config_module.Config:
        built.append(source)
        return build(table, root, source, overrides)

    monkeypatch.setattr(config_module, "build_config", counted)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--no-embeddings", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert built == [config]


def test_cli_ignore_and_extend_select_add_to_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rift-lint.toml",
        'select = ["RL00"]\nignore = ["RL002"]\nextend-select = ["RL9"]\n',
    )
    config = load_config(path, overrides={"ignore": ["RL004"], "extend_select": ["RL101"]})
    assert config.settings.select == ["RL00"]
    assert config.settings.ignore == ["RL002", "RL004"]
    assert config.settings.extend_select == ["RL9", "RL101"]


def test_cli_select_starts_the_selection_afresh(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rift-lint.toml",
        'select = ["RL0"]\nignore = ["RL101", "RL002"]\nextend-select = ["RL9"]\n',
    )
    config = load_config(path, overrides={"select": ["RL101", "RL00"], "ignore": ["RL004"]})
    assert (config.settings.select, config.settings.ignore) == (["RL101", "RL00"], ["RL004"])
    assert config.settings.extend_select == []
    assert [config.enabled(code) for code in ("RL101", "RL002", "RL004", "RL901")] == [
        True,
        True,
        False,
        False,
    ]


def test_pyproject_table_may_be_written_with_an_underscore(tmp_path: Path) -> None:
    """Keys may be written with ``_``, and so may the table: ``[tool.rift_lint]`` was skipped
    without a word, and the run went on with the defaults. Written both ways, it is an
    error, as a key written both ways is."""
    path = _write(tmp_path / "pyproject.toml", '[project]\n[tool.rift_lint]\nselect = ["RL0"]\n')
    config = ConfigResolver().for_path(tmp_path / "a.yaml")
    assert (config.source, config.settings.select) == (path, ["RL0"])
    _write(path, '[tool.rift_lint]\nselect = ["RL0"]\n[tool.rift-lint]\nignore = ["RL1"]\n')
    assert _load_error(path) == (
        f"{path}:1: [tool.rift-lint] and [tool.rift_lint] are one table (written with '-' or "
        "'_'): keep one"
    )


def test_a_file_that_cannot_be_read_is_reported_whatever_the_selection() -> None:
    """RL001 runs under any select, as ruff reports syntax errors; an ignore naming it (or a
    prefix of it) switches it off."""
    assert build_config({"select": ["RL101"]}, Path.cwd()).enabled("RL001")
    assert not build_config({"select": ["RL101"], "ignore": ["RL001"]}, Path.cwd()).enabled("RL001")
    assert not build_config({"ignore": ["RL0"]}, Path.cwd()).enabled("RL001")
    assert not build_config({"select": ["RL101"]}, Path.cwd()).enabled("RL001", ["RL001"])
    assert not build_config({"select": ["RL101"]}, Path.cwd()).enabled("RL002")
    both = build_config({"select": ["RL001"], "ignore": ["ALL"]}, Path.cwd())
    assert both.enabled("RL001")  # the most specific selector wins, as for every rule
    assert not build_config({"select": ["RL0"], "ignore": ["RL00"]}, Path.cwd()).enabled("RL001")


BASE = """\
[tool.rift-lint]
ignore = ["RL004"]
cache-dir = ".cache"
extend-exclude = ["sub/drafts", "notes", "./sub/../shared/old/"]
[tool.rift-lint.per-file-ignores]
"sub/legacy/*" = ["RL101"]
[tool.rift-lint.rules.RL101]
min-confidence = 0.9
"""


def test_extend_takes_the_keys_a_nested_file_does_not_set_from_its_base(tmp_path: Path) -> None:
    """The base's paths and globs keep meaning what they meant in its folder; the nested
    file's keys replace the base's."""
    _write(tmp_path / "pyproject.toml", BASE)
    _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\nselect = ["RL1"]\n')
    config = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert config.source == tmp_path / "sub" / "rift-lint.toml"
    assert (config.settings.select, config.settings.ignore) == (["RL1"], ["RL004"])
    assert config.cache_dir == tmp_path / ".cache"
    assert config.file_ignores(tmp_path / "sub" / "legacy" / "l.yaml") == ["RL101"]
    assert config.file_ignores(tmp_path / "sub" / "l.yaml") == []
    assert config.is_excluded(tmp_path / "sub" / "drafts" / "d.yaml")
    assert config.is_excluded(tmp_path / "sub" / "notes" / "n.yaml")
    assert not config.is_excluded(tmp_path / "sub" / "s.yaml")
    assert config.is_excluded(tmp_path / "shared" / "old" / "o.yaml")
    assert config.rule(find_rule("RL101")).options.min_confidence == 0.9
    own = 'extend = "../pyproject.toml"\nexclude = []\nignore = []\n[per-file-ignores]\n'
    _write(tmp_path / "sub" / "rift-lint.toml", own)
    replaced = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert replaced.settings.ignore == []
    assert not replaced.is_excluded(tmp_path / "sub" / "README.md")  # the default exclude
    assert replaced.is_excluded(tmp_path / "sub" / "drafts" / "d.yaml")  # extend-exclude
    assert replaced.file_ignores(tmp_path / "sub" / "legacy" / "l.yaml") == []
    _write(tmp_path / "pyproject.toml", BASE.replace("cache-dir", "cache_dir"))
    snake = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert snake.cache_dir == tmp_path / ".cache"
    _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\ncache-dir = "c"\n')
    assert ConfigResolver().for_path(tmp_path / "sub" / "a.yaml").cache_dir == tmp_path / "sub/c"


def test_a_folder_a_base_s_glob_excludes_keeps_out_its_own_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A base's glob, made absolute for the nested file that extends it, excludes a folder
    below that file whole: the configuration inside the folder is not consulted."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "pyproject.toml", BASE)
    _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\n')
    _write(tmp_path / "sub" / "drafts" / "rift-lint.toml", "exclude = []\n")
    _write(tmp_path / "sub" / "s" / "rift-lint.toml", "exclude = []\n")
    resolver = ConfigResolver()
    assert resolver.is_excluded_folder(tmp_path / "sub" / "drafts")
    assert resolver.is_excluded(tmp_path / "sub" / "drafts" / "deeper" / "d.yaml")
    assert not resolver.is_excluded_folder(tmp_path / "sub" / "s")
    assert not resolver.is_excluded(tmp_path / "sub" / "s" / "s.yaml")


def test_extend_keys_of_a_nested_file_add_to_the_base_s(tmp_path: Path) -> None:
    """As in ruff: extend-select, extend-exclude and extend-per-file-ignores are joined with
    the base's (a glob in both keeps the codes of both); a nested select starts the selection
    afresh, without the base's extend-select."""
    base = BASE.replace("]\n", ']\nextend-select = ["RL9"]\n', 1)
    base += "[tool.rift-lint.extend-per-file-ignores]\n"
    _write(tmp_path / "pyproject.toml", base + '"sub/a.*" = ["RL102"]\n')
    own = (
        'extend = "../pyproject.toml"\nextend-select = ["RL1"]\nextend-exclude = ["old"]\n'
        '[extend-per-file-ignores]\n"a.yaml" = ["RL103"]\n'
    )
    _write(tmp_path / "sub" / "rift-lint.toml", own)
    config = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert config.settings.extend_select == ["RL9", "RL1"]
    assert config.file_ignores(tmp_path / "sub" / "a.yaml") == ["RL102", "RL103"]
    assert config.file_ignores(tmp_path / "sub" / "legacy" / "l.yaml") == ["RL101"]
    assert config.is_excluded(tmp_path / "sub" / "old" / "o.yaml")
    assert config.is_excluded(tmp_path / "sub" / "drafts" / "d.yaml")
    same_glob = own.replace('"a.yaml"', f'"{tmp_path.as_posix()}/sub/a.*"')
    _write(tmp_path / "sub" / "rift-lint.toml", same_glob)
    joined = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert joined.settings.extend_per_file_ignores == {
        f"{tmp_path.as_posix()}/sub/a.*": ["RL102", "RL103"]
    }
    _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\nselect = ["RL1"]\n')
    afresh = ConfigResolver().for_path(tmp_path / "sub" / "a.yaml")
    assert (afresh.settings.select, afresh.settings.extend_select) == (["RL1"], [])


def test_extend_per_file_ignores_adds_to_per_file_ignores(tmp_path: Path) -> None:
    table = {"per-file-ignores": {"*.yaml": ["RL101"]}, "extend-per-file-ignores": {"a.*": ["RL0"]}}
    config = build_config(table, tmp_path)
    assert config.file_ignores(tmp_path / "a.yaml") == ["RL101", "RL0"]
    assert config.file_ignores(tmp_path / "a.csv") == ["RL0"]
    assert config.file_ignores(tmp_path / "b.yaml") == ["RL101"]


@pytest.mark.parametrize(
    ("base", "message"),
    [
        (None, "{sub}:1: extend names {base}, which is not a file"),
        ("[project]\n", "{sub}:1: extend names {base}, which has no [tool.rift-lint]"),
        ('[tool.rift-lint]\nextend = "sub/rift-lint.toml"\n', "{base}:2: extend makes a cycle"),
        ('[tool.rift-lint]\nselect = ["RL999"]\n', "{base}:2: [tool.rift-lint] bad value"),
    ],
)
def test_extend_errors_name_the_file_and_line(
    tmp_path: Path, base: str | None, message: str
) -> None:
    sub = _write(tmp_path / "sub" / "rift-lint.toml", 'extend = "../pyproject.toml"\n')
    if base is not None:
        _write(tmp_path / "pyproject.toml", base)
    expected = message.format(sub=sub, base=tmp_path / "pyproject.toml")
    assert _load_error(sub).startswith(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.rift-lint]\nfail-level = "info"\nfail_level = "error"\n',
            "{path}:2: 'fail-level' and 'fail_level' are one key (written with '-' or '_'): "
            "keep one",
        ),
        (
            "[tool.rift-lint.rules.invalid-points]\nallow_zero = true\nallow-zero = false\n",
            "{path}:2: 'allow_zero' and 'allow-zero' are one key (written with '-' or '_'): "
            "keep one",
        ),
    ],
)
def test_a_key_written_with_both_spellings_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    """The settings read both spellings as one key: which would win is not for a guess."""
    path = _write(tmp_path / "pyproject.toml", text)
    assert _load_error(path) == message.format(path=path)


def test_globs_that_differ_by_a_dash_are_two_keys(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "pyproject.toml",
        '[tool.rift-lint.per-file-ignores]\n"a_b" = ["RL101"]\n"a-b" = ["RL102"]\n',
    )
    assert load_config(path).settings.per_file_ignores == {"a_b": ["RL101"], "a-b": ["RL102"]}
