"""The county's place names (地名): flag a name one character away from a listed one (锦平县, 绵屏县).

Candidates are found from the administrative suffix (县/镇/乡/村 … the last character of each
listed name): the characters before each suffix in the text are compared with the listed names
that end with it. To keep ordinary prose quiet, a candidate is skipped when
- it is itself a listed place (平秋镇 and 平略镇 differ by one character and both exist);
- the differing character is not a Han character ("，屏县" is punctuation, not a typo);
- the suffix starts a common word (乡村, 乡镇, 乡亲 …: "百里乡村", "邻里乡亲"), or the candidate ends
  in a common word built on the suffix ("老同乡" is not a misspelt 大同乡, "小镇" not a town).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, make_finding
from .matcher import one_han_apart

_CONTINUES_WORD = {
    "乡": frozenset("村镇亲愁土情音贤风邻里民间下野俗思"),
    "镇": frozenset("村街区"),
    "村": frozenset("民委庄落寨镇组级"),
}
# fmt: off
_COMMON_ENDINGS = frozenset({
    "同乡", "家乡", "故乡", "老乡", "城乡", "下乡", "返乡", "他乡", "异乡", "回乡", "还乡", "思乡",
    "水乡", "梦乡", "外乡", "本乡", "重镇", "城镇", "古镇", "小镇", "大镇", "集镇", "名镇", "乡镇",
    "村镇", "坐镇", "市镇", "强镇", "乡村", "农村", "山村", "新村", "本村", "全村", "该村", "各村",
    "全县", "本县", "该县", "各县", "外县", "邻县", "郡县", "州县",
})
# fmt: on


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    known: frozenset[str]
    by_suffix: dict[str, tuple[str, ...]]
    suffix_re: re.Pattern[str] | None


def build_place_index(places: Iterable[str]) -> PlaceIndex:
    names = [p for p in dict.fromkeys(places) if len(p) >= 3]  # a 2-character name has no stem to compare
    by_suffix: dict[str, list[str]] = {}
    for name in names:
        by_suffix.setdefault(name[-1], []).append(name)
    suffix_re = re.compile("[" + re.escape("".join(by_suffix)) + "]") if by_suffix else None
    return PlaceIndex(frozenset(places), {k: tuple(v) for k, v in by_suffix.items()}, suffix_re)


def find_place_near_misses(text: str, index: PlaceIndex) -> list[Finding]:
    if index.suffix_re is None:
        return []
    findings: list[Finding] = []
    for m in index.suffix_re.finditer(text):
        suffix, end = m.group(), m.end()
        if text[end : end + 1] in _CONTINUES_WORD.get(suffix, ()):
            continue
        candidates: dict[tuple[int, str], list[str]] = {}
        for name in index.by_suffix[suffix]:
            start = end - len(name)
            if start < 0:
                continue
            written = text[start:end]
            if written in index.known or written[-2:] in _COMMON_ENDINGS:
                continue
            if one_han_apart(written, name) is not None:
                candidates.setdefault((start, written), []).append(name)
        for (start, written), names in candidates.items():
            findings.append(
                make_finding(
                    "place-name",
                    text,
                    start,
                    end,
                    f"“{written}”疑似为“{'”或“'.join(names)}”之误，地名须准确",
                )
            )
    return findings
