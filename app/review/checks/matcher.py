"""One Aho-Corasick automaton for every fixed word the checks look for: one pass over the text.

A key can belong to several lists at once (a post title that is also a sensitive word), so each
key stores a bit mask of the lists it belongs to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, make_finding

SENSITIVE = 1
WORDING = 2
POST = 4
LEADER_NAME = 8


@dataclass(slots=True)
class Hits:
    """Occurrences (start, end, key) per list, in text order."""

    sensitive: list[tuple[int, int, str]] = field(default_factory=list)
    wording: list[tuple[int, int, str]] = field(default_factory=list)
    posts: list[tuple[int, int, str]] = field(default_factory=list)
    names: list[tuple[int, int, str]] = field(default_factory=list)


def build_automaton(keys: Mapping[str, int]) -> Any | None:
    """The automaton for `keys` (word -> bit mask), or None when there is nothing to look for."""
    if not keys:
        return None
    # Imported here so that starting the application does not load the C extension.
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, mask in keys.items():
        automaton.add_word(key, (key, mask))
    automaton.make_automaton()
    return automaton


def scan(automaton: Any | None, text: str) -> Hits:
    hits = Hits()
    if automaton is None or not text:
        return hits
    for last, (key, mask) in automaton.iter(text):
        span = (last + 1 - len(key), last + 1, key)
        if mask & SENSITIVE:
            hits.sensitive.append(span)
        if mask & WORDING:
            hits.wording.append(span)
        if mask & POST:
            hits.posts.append(span)
        if mask & LEADER_NAME:
            hits.names.append(span)
    return hits


def find_sensitive_words(text: str, hits: Hits) -> list[Finding]:
    return [
        make_finding("sensitive-word", text, s, e, f"含敏感词“{key}”，请核实后删改") for s, e, key in hits.sensitive
    ]


def find_wording_errors(text: str, hits: Hits, corrections: Mapping[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    for s, e, wrong in hits.wording:
        right = corrections[wrong]
        if _inside_correct_form(text, s, wrong, right):
            continue
        findings.append(make_finding("wording", text, s, e, f"“{wrong}”应为“{right}”"))
    return findings


def _inside_correct_form(text: str, start: int, wrong: str, right: str) -> bool:
    """An administrator may list a wrong form that is part of the right one; never flag correct text."""
    offset = right.find(wrong)
    while offset != -1:
        if start - offset >= 0 and text.startswith(right, start - offset):
            return True
        offset = right.find(wrong, offset + 1)
    return False


def is_han(ch: str) -> bool:
    """A CJK ideograph (basic block, extension A, or the supplementary planes where rare name characters live)."""
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3134F


def one_han_apart(candidate: str, correct: str) -> int | None:
    """The index of the only differing character when it is a Han character; otherwise None."""
    if len(candidate) != len(correct):
        return None
    diff = [i for i, (a, b) in enumerate(zip(candidate, correct, strict=True)) if a != b]
    if len(diff) == 1 and is_han(candidate[diff[0]]):
        return diff[0]
    return None
