"""Sentence embeddings behind a small interface; torch and sentence-transformers load lazily."""
