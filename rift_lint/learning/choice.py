"""Which model a run uses: ``--no-model``, ``--model PATH``, the configuration's ``model``, or
the default model shipped with the package (when there is one). Each file is loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rift_lint.config import Config
from rift_lint.learning.decide import DecisionModel
from rift_lint.learning.modelfile import ModelError, load_model

DEFAULT_MODEL_FILE = "default_model.json"


def default_model_path() -> Path | None:
    """The model shipped in ``rift_lint/data/``, or ``None`` when the package ships none."""
    candidate = Path(str(resources.files("rift_lint").joinpath("data", DEFAULT_MODEL_FILE)))
    return candidate if candidate.is_file() else None


@dataclass
class ModelChoice:
    """The command line's say on models: ``disabled`` (``--no-model``) or an explicit path."""

    disabled: bool = False
    path: Path | None = None
    _loaded: dict[Path, DecisionModel] = field(default_factory=dict, repr=False)

    def path_for(self, config: Config) -> Path | None:
        """The model file that applies under ``config`` (config paths are relative to it)."""
        if self.disabled:
            return None
        if self.path is not None:
            return self.path
        if config.settings.model:
            return config.root / config.settings.model
        return default_model_path()

    def model_for(self, config: Config) -> DecisionModel | None:
        """The loaded model for ``config``; raises ModelError for an unusable file, or, when
        the configuration's ``model`` names it, ConfigError naming that setting's line too."""
        path = self.path_for(config)
        if path is None:
            return None
        if path not in self._loaded:
            try:
                self._loaded[path] = DecisionModel(load_model(path), str(path))
            except ModelError as exc:
                if self.path is not None or not config.settings.model:
                    raise
                raise config.model_error("", exc) from None
        return self._loaded[path]
