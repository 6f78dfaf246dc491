"""Prompt text read without the spaCy pipeline: requirement units and the words they match on."""
