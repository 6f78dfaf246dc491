"""The model file: a small, versioned JSON document that holds numbers only.

No pickle: loading a model never runs code from the file. The file carries its format
version, the feature version it was trained with, the embedding model whose vectors its
features used, one logistic model per failure mode (feature names, standardisation, weights,
intercept, decision threshold, cross-validated scores) and a SHA-256 checksum of its own
canonical content, so an edited file is refused rather than half-trusted (a truncated one is
no JSON at all).
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from rift_lint.atomic import write_text_atomically
from rift_lint.learning.features import (
    FEATURE_VERSION,
    criterion_feature_names,
    rubric_feature_names,
)
from rift_lint.tagged_json import read_tagged_json
from rift_lint.taxonomy import mode_by_id

MODEL_FORMAT = "rift-lint-model"
FORMAT_VERSION = 1
MAX_MODEL_BYTES = 50 * 1024 * 1024


class ModelError(Exception):
    """A model file cannot be used: unreadable, malformed, tampered with, or from another
    feature version."""


def _finite(values: list[float]) -> list[float]:
    if not all(math.isfinite(value) for value in values):
        raise ValueError("holds a non-finite number")
    return values


class Projection(BaseModel):
    """A linear reduction of the criterion embedding: ``(vector - mean) @ components.T``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mean: list[float]
    components: list[list[float]]

    @model_validator(mode="after")
    def _shape(self) -> Projection:
        _finite(self.mean)
        for row in self.components:
            if len(row) != len(self.mean):
                raise ValueError("projection rows and mean differ in length")
            _finite(row)
        return self


class ModeModel(BaseModel):
    """One failure mode's logistic model and the threshold at which a finding stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: str
    scope: Literal["criterion", "rubric"]
    rule: str
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float
    uses_projection: bool = False
    cross_validated: dict[str, float] = {}
    rules_only: dict[str, float] = {}

    @field_validator("mean", "scale", "coef")
    @classmethod
    def _numbers(cls, values: list[float]) -> list[float]:
        return _finite(values)

    @model_validator(mode="after")
    def _shape(self) -> ModeModel:
        if not (len(self.mean) == len(self.scale) == len(self.coef)):
            raise ValueError(f"{self.mode}: mean, scale and coef differ in length")
        if any(value <= 0 for value in self.scale):
            raise ValueError(f"{self.mode}: scale must be positive")
        if not 0.0 <= self.threshold <= 1.0 or not math.isfinite(self.intercept):
            raise ValueError(f"{self.mode}: threshold or intercept out of range")
        return self


class ModelFile(BaseModel):
    """The whole model file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["rift-lint-model"]
    format_version: int
    feature_version: int
    embedding_model: str | None
    projection: Projection | None = None
    modes: dict[str, ModeModel]
    training: dict[str, Any] = {}
    checksum: str = ""

    def expected_features(self, scope: str) -> tuple[str, ...]:
        """The feature names this rift-lint computes for a scope with this file's settings."""
        embeddings = self.embedding_model is not None
        if scope == "criterion":
            return criterion_feature_names(embeddings)
        return rubric_feature_names(embeddings)


def _canonical(payload: dict[str, Any]) -> bytes:
    """The bytes the checksum covers: the file's content without its checksum, canonical JSON."""
    body = {key: value for key, value in payload.items() if key != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def save_model(model: ModelFile, path: Path) -> str:
    """Write the model as indented JSON with its checksum filled in, all at once (a failed
    write leaves the previous file whole); return the SHA-256 of the bytes written, which
    is the file's once written (``path`` may be a stream, which cannot be read back)."""
    payload = model.model_dump(mode="json")
    payload["checksum"] = hashlib.sha256(_canonical(payload)).hexdigest()
    text = json.dumps(payload, indent=1, sort_keys=True) + "\n"
    write_text_atomically(path, text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_model(path: Path) -> ModelFile:
    """Read and verify a model file; any problem raises ModelError naming the file and why."""
    payload = read_tagged_json(
        path, MODEL_FORMAT, "rift-lint model file", ModelError, MAX_MODEL_BYTES
    )
    if payload.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model file format {payload.get('format_version')!r} is not supported "
            f"(this rift-lint reads format {FORMAT_VERSION})"
        )
    if payload.get("feature_version") != FEATURE_VERSION:
        raise ModelError(
            f"{path}: model was trained with feature version {payload.get('feature_version')!r} "
            f"but this rift-lint computes feature version {FEATURE_VERSION}; retrain it with "
            "`rift-lint train`"
        )
    if payload.get("checksum") != hashlib.sha256(_canonical(payload)).hexdigest():
        raise ModelError(
            f"{path}: checksum mismatch: the model file was edited after `rift-lint train` wrote it"
        )
    try:
        model = ModelFile.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ModelError(f"{path}: invalid model file at {where}: {first['msg']}") from None
    _check_taxonomy(model, path)
    _check_features(model, path)
    return model


def _check_taxonomy(model: ModelFile, path: Path) -> None:
    """Refuse an entry that does not judge its mode's rule at its scope in this version's
    taxonomy (an entry filed under another mode's name, an unknown mode, or a rule that has
    since moved): its decisions would be applied to the wrong findings."""
    for key, entry in model.modes.items():
        known = mode_by_id(key)
        if known is None:
            raise ModelError(f"{path}: mode {key}: not a failure mode of this version")
        if (entry.mode, entry.rule, entry.scope) != (known.id, known.rule, known.scope):
            raise ModelError(
                f"{path}: mode {key}: judges {entry.rule} ({entry.mode}, {entry.scope} scope) "
                f"where this version's {key} is {known.rule} ({known.scope} scope); retrain it "
                "with `rift-lint train`"
            )


def _check_features(model: ModelFile, path: Path) -> None:
    """Refuse a mode whose feature list differs from what this version computes."""
    for mode in model.modes.values():
        expected = list(model.expected_features(mode.scope))
        extra = mode.features[len(expected) :]
        if mode.features[: len(expected)] != expected or (
            extra and not (mode.uses_projection and model.projection is not None)
        ):
            raise ModelError(f"{path}: mode {mode.mode}: feature list does not match this version")
        projection = model.projection if mode.uses_projection else None
        if projection is not None and len(extra) != len(projection.components):
            raise ModelError(f"{path}: mode {mode.mode}: projection size mismatch")
