"""Data files shipped with the program (word lists, …). A package so that pip and PyInstaller carry them."""

from __future__ import annotations

from pathlib import Path


def resource_dir(name: str) -> Path:
    """The folder of one kind of resource, e.g. resource_dir("wordlists")."""
    return Path(__file__).resolve().parent / name
