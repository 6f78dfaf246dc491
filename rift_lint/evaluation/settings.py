"""What a measurement against labels ran with (``eval``, ``train``, ``report --labels``): the
rift-lint version, the labels file, the model, the embeddings, the configuration and the modes.

It is printed as a short header above the figures and written as ``settings`` in JSON, so a
figure can always be traced to what produced it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rift_lint import __version__
from rift_lint.config import Config, ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.learning.decide import DecisionModel
from rift_lint.taxonomy import load_modes

SHORT_DIGEST = 12


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class ModelUsed:
    """The model file a measurement was asked to apply, and what became of it.

    ``applied`` is false when the model was left out, and ``reason`` then says why:
    ``left_out``, it needs embeddings this run does not compute, or else it judges none of
    the rules that run; ``in_sample`` is true when it was applied and was trained on the very
    labels file being scored (the SHA-256 its training record holds is that file's).
    """

    path: str
    sha256: str
    applied: bool
    in_sample: bool
    left_out: bool = False

    @classmethod
    def of(
        cls, model: DecisionModel, applied: bool, labels_sha256: str, left_out: bool
    ) -> ModelUsed:
        """The record of a loaded model for the labels file of the given SHA-256."""
        trained_on = model.model.training.get("labels_sha256")
        return cls(
            path=model.name,
            sha256=file_sha256(Path(model.name)),
            applied=applied,
            in_sample=applied and trained_on == labels_sha256,
            left_out=left_out,
        )

    @property
    def reason(self) -> str:
        """Why the model was not applied; empty when it was."""
        if self.applied:
            return ""
        if self.left_out:
            return "needs the embeddings it was trained with"
        return "judges none of the rules that run"

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "applied": self.applied,
            "reason": self.reason or None,
            "in_sample": self.in_sample,
        }

    def text(self) -> str:
        """``m.json (sha256 0123456789ab)``, with why it was not applied or that it is
        in-sample."""
        notes = [f"sha256 {self.sha256[:SHORT_DIGEST]}"]
        if not self.applied:
            notes.append(f"not applied: {self.reason}")
        elif self.in_sample:
            notes.append("trained on these labels: in-sample")
        return f"{self.path} ({', '.join(notes)})"


@dataclass(frozen=True)
class MeasurementSettings:
    """What a measurement ran with. ``training`` holds ``train``'s own options (folds, C,
    components) and is ``None`` for ``eval`` and ``report``, which report ``model``."""

    labels: str
    labels_sha256: str
    config: str | None
    isolated: bool
    embedding_model: str | None
    modes: tuple[str, ...]
    model: ModelUsed | None = None
    training: dict[str, object] | None = None
    version: str = __version__

    @classmethod
    def of(
        cls,
        labels: Path,
        config: Config,
        resolver: ConfigResolver,
        embeddings: EmbeddingProvider,
        modes: tuple[str, ...],
    ) -> MeasurementSettings:
        """The settings of a measurement of ``labels`` under ``config``."""
        return cls(
            labels=str(labels),
            labels_sha256=file_sha256(labels),
            config=str(config.source) if config.source is not None else None,
            isolated=resolver.isolated,
            embedding_model=embeddings.model_id(config.embedding_model),
            modes=modes,
        )

    @property
    def all_modes(self) -> bool:
        """Whether every failure mode was measured (the header then says "all")."""
        return len(self.modes) == len(load_modes())

    def as_dict(self) -> dict[str, object]:
        """The JSON ``settings`` block."""
        result: dict[str, object] = {
            "rift_lint": self.version,
            "labels": {"path": self.labels, "sha256": self.labels_sha256},
            "config": self.config,
            "isolated": self.isolated,
            "embeddings": {
                "enabled": self.embedding_model is not None,
                "model": self.embedding_model,
            },
            "modes": list(self.modes),
        }
        if self.training is None:
            result["model"] = self.model.as_dict() if self.model is not None else None
        else:
            result["training"] = self.training
        return result

    def header(self) -> list[str]:
        """The text header: the version and labels file; the model (``eval``, ``report``);
        the embeddings, configuration and modes; ``train``'s options."""
        lines = [
            f"rift-lint {self.version} on {self.labels} "
            f"(sha256 {self.labels_sha256[:SHORT_DIGEST]})"
        ]
        if self.training is None:
            lines.append(f"model: {self._model_text()}")
        lines.append(
            f"embeddings: {self.embedding_model or 'off'}; config: {self._config_text()}; "
            f"modes: {'all' if self.all_modes else ', '.join(self.modes)}"
        )
        if self.training is not None:
            lines.append("; ".join(f"{key}: {value}" for key, value in self.training.items()))
        return lines

    def _model_text(self) -> str:
        return "none" if self.model is None else self.model.text()

    def _config_text(self) -> str:
        if self.config is not None:
            return self.config
        return "none (--isolated)" if self.isolated else "none found (defaults)"
