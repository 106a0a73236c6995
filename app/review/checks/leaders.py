"""Leaders' names and posts (领导姓名职务): a serious wording error in inspections.

Two problems are reported, both only where a post title stands right next to the name, so that
ordinary text (and other people who share a surname) do not trigger:
- a near-miss name: same surname, one other character different, next to a post the leader holds
  ("县长张键国" when the list says 张建国 is 县长);
- a wrong post: the exact name next to a post title the leader does not hold ("副县长张建国").
A shortened post is accepted ("书记" for "县委书记", "副县长" for "常务副县长") unless the shortening
drops 副 ("县长" for a 副县长 is a promotion, i.e. wrong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, make_finding
from .matcher import Hits, one_han_apart

# Post titles recognised next to a name even when no listed leader holds them; without these,
# "副县长张建国" would look like "县长张建国" preceded by a stray character.
# fmt: off
GENERIC_POSTS = (
    "县长", "副县长", "常务副县长", "代县长", "县长助理", "县委书记", "县委副书记", "县委常委",
    "书记", "副书记", "常委", "委员", "主任", "副主任", "主席", "副主席", "局长", "副局长",
    "部长", "副部长", "镇长", "副镇长", "乡长", "副乡长", "院长", "副院长", "检察长", "副检察长",
    "秘书长", "副秘书长", "州长", "副州长", "市长", "副市长", "省长", "副省长", "区长", "副区长",
    "党组书记", "党组副书记", "党委书记", "党委副书记", "党工委书记", "政委", "所长", "副所长",
    "县人大常委会主任", "县人大常委会副主任", "县政协主席", "县政协副主席",
)
# A listed post ending in one of these also yields its deputy form: 县人大常委会主任 -> …副主任.
_ROOTS = (
    "检察长", "秘书长", "县长", "市长", "区长", "州长", "省长", "镇长", "乡长",
    "书记", "主任", "主席", "局长", "部长", "院长", "所长",
)
# fmt: on
_POST_SPLIT = re.compile(r"[、，,；;/\s]+")


def split_posts(post: str) -> tuple[str, ...]:
    return tuple(p for p in _POST_SPLIT.split(post) if p)


def post_fits(found: str, held: Iterable[str]) -> bool:
    """Whether the post title written next to the name is one the leader holds (or its short form)."""
    for post in held:
        if post == found:
            return True
        if post.endswith(found) and not post[: -len(found)].endswith("副"):
            return True
    return False


@dataclass(frozen=True, slots=True)
class LeaderIndex:
    posts_of: dict[str, tuple[str, ...]]  # name -> posts held
    by_surname: dict[str, tuple[str, ...]]  # first character -> names
    lengths: tuple[int, ...]
    vocabulary: frozenset[str]  # every post title the automaton must find


def build_leader_index(leaders: Iterable[tuple[str, str]]) -> LeaderIndex:
    posts_of: dict[str, list[str]] = {}
    for name, post in leaders:
        if name:
            posts_of.setdefault(name, []).extend(split_posts(post))
    vocabulary = set(GENERIC_POSTS)
    for posts in posts_of.values():
        for post in posts:
            vocabulary.add(post)
            root = next((r for r in _ROOTS if post.endswith(r) and not post.endswith("副" + r)), None)
            if root:
                vocabulary.add(post[: -len(root)] + "副" + root)
    by_surname: dict[str, list[str]] = {}
    for name in posts_of:
        by_surname.setdefault(name[0], []).append(name)
    return LeaderIndex(
        posts_of={n: tuple(dict.fromkeys(p)) for n, p in posts_of.items()},
        by_surname={k: tuple(v) for k, v in by_surname.items()},
        lengths=tuple(sorted({len(n) for n in posts_of if len(n) >= 2})),
        vocabulary=frozenset(vocabulary) if posts_of else frozenset(),
    )


def _maximal(posts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a post title found inside a longer one: in "副县长" the "县长" is not a post of its own."""
    kept: list[tuple[int, int, str]] = []
    reach = -1
    for s, e, post in sorted(posts, key=lambda p: (p[0], -p[1])):
        if e <= reach:
            continue
        kept.append((s, e, post))
        reach = e
    return kept


def find_leader_problems(text: str, index: LeaderIndex, hits: Hits) -> list[Finding]:
    if not index.posts_of or not hits.posts:
        return []
    posts = _maximal(hits.posts)
    ending_at = {e: (s, e, p) for s, e, p in posts}
    starting_at = {s: (s, e, p) for s, e, p in posts}
    findings: list[Finding] = []
    for s, e, name in hits.names:
        held = index.posts_of[name]
        adjacent = [p for p in (ending_at.get(s), starting_at.get(e)) if p is not None]
        if not adjacent or any(post_fits(p[2], held) for p in adjacent):
            continue
        ps, pe, written = adjacent[0]
        findings.append(
            make_finding(
                "leader-name",
                text,
                min(ps, s),
                max(pe, e),
                f"{name}的职务应为“{'、'.join(held)}”，文中写作“{written}”，领导职务须准确",
            )
        )
    for ps, pe, written in posts:
        for length in index.lengths:
            for cs in (pe, ps - length):
                if cs < 0 or cs + length > len(text):
                    continue
                findings.extend(_near_miss(text, index, cs, cs + length, written))
    return findings


def _near_miss(text: str, index: LeaderIndex, start: int, end: int, written: str) -> list[Finding]:
    candidate = text[start:end]
    if candidate in index.posts_of:
        return []
    for name in index.by_surname.get(candidate[0], ()):
        if one_han_apart(candidate, name) is not None and post_fits(written, index.posts_of[name]):
            return [
                make_finding(
                    "leader-name",
                    text,
                    start,
                    end,
                    f"“{candidate}”疑似为“{name}”（{'、'.join(index.posts_of[name])}）之误，领导姓名须准确",
                )
            ]
    return []
