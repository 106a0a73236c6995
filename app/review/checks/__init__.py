"""Automated content checks of 发布审核: secrecy markings, personal data, word lists, links.

Pure Python (no Qt). Typical use::

    lists = load_default_wordlists()      # or WordLists(...) built from the database
    prepare(lists)                        # optional warm-up off the GUI thread
    for finding in run_checks(read_text(path), lists): ...
"""

from __future__ import annotations

from .docx_text import read_text
from .engine import prepare, run_checks
from .findings import KINDS, Finding, Kind, Severity
from .wordlists import (
    Leader,
    WordLists,
    load_default_wordlists,
    load_wordlists_dir,
    parse_leaders,
    parse_word_list,
    parse_wording_errors,
    read_list_file,
)

__all__ = [
    "KINDS",
    "Finding",
    "Kind",
    "Leader",
    "Severity",
    "WordLists",
    "load_default_wordlists",
    "load_wordlists_dir",
    "parse_leaders",
    "parse_word_list",
    "parse_wording_errors",
    "prepare",
    "read_list_file",
    "read_text",
    "run_checks",
]
