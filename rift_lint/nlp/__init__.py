"""Language processing behind a small interface; nothing heavy is imported at package import."""
