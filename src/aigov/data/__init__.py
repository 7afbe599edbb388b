"""Packaged data: catalogue packs and the built-in rule set."""
