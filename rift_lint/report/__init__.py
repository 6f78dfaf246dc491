"""``rift-lint report``: corpus-level figures and one self-contained HTML page."""
