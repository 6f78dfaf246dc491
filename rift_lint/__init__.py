"""rift-lint: an offline, deterministic linter for LLM-evaluation rubrics."""

__version__ = "0.1.0"
