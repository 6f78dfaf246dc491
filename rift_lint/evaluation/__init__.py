"""Scoring rift-lint against reference failure-mode labels (``rift-lint eval``)."""
