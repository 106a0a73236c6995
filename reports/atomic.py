"""Kept for letter code being written on other branches: the atomic file writer is infrastructure and
lives in `app.atomic_file`; import it from there."""

from __future__ import annotations

from app.atomic_file import atomic_write as atomic_write
from app.atomic_file import temp_name_for as temp_name_for

__all__ = ["atomic_write", "temp_name_for"]
