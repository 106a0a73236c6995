"""Run every automated check of 发布审核 on a text and return the findings in text order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .findings import Finding, dedupe_same_kind
from .leaders import LeaderIndex, build_leader_index, find_leader_problems
from .links import find_links
from .matcher import (
    LEADER_NAME,
    POST,
    SENSITIVE,
    WORDING,
    build_automaton,
    find_sensitive_words,
    find_wording_errors,
    scan,
)
from .patterns import find_secret_markings
from .places import PlaceIndex, build_place_index, find_place_near_misses
from .privacy import find_personal_data
from .wordlists import WordLists, load_default_wordlists


@dataclass(frozen=True, slots=True)
class Compiled:
    """What a WordLists instance turns into once: the automaton and the lookup tables."""

    automaton: Any | None
    leaders: LeaderIndex
    places: PlaceIndex


_CACHE_ATTR = "_compiled_checks"


def _compile(lists: WordLists) -> Compiled:
    leaders = build_leader_index(lists.leaders)
    keys: dict[str, int] = {}
    for words, mask in (
        (lists.sensitive_words, SENSITIVE),
        (tuple(lists.wording_errors), WORDING),
        (tuple(leaders.vocabulary), POST),
        (tuple(leaders.posts_of), LEADER_NAME),
    ):
        for word in words:
            keys[word] = keys.get(word, 0) | mask
    return Compiled(build_automaton(keys), leaders, build_place_index(lists.place_names))


def prepare(lists: WordLists) -> Compiled:
    """Build (once) and return the compiled form of `lists`; call it off the GUI thread to warm up."""
    compiled = lists.__dict__.get(_CACHE_ATTR)
    if not isinstance(compiled, Compiled):
        # Two threads racing here both build an identical value; the last write wins harmlessly.
        compiled = _compile(lists)
        object.__setattr__(lists, _CACHE_ATTR, compiled)  # WordLists is frozen for its fields only
    return compiled


def run_checks(text: str, lists: WordLists | None = None) -> list[Finding]:
    """All findings for `text`, sorted by position; `lists` defaults to the bundled seed lists."""
    if lists is None:
        lists = load_default_wordlists()
    compiled = prepare(lists)
    hits = scan(compiled.automaton, text)
    findings: list[Finding] = []
    findings += find_secret_markings(text)
    findings += find_personal_data(text)
    findings += find_sensitive_words(text, hits)
    findings += find_wording_errors(text, hits, lists.wording_errors)
    findings += find_leader_problems(text, compiled.leaders, hits)
    findings += find_place_near_misses(text, compiled.places)
    findings += find_links(text, lists.allowed_domains)
    return sorted(dedupe_same_kind(findings), key=lambda f: (f.start, f.end, f.kind))
