"""The office's word lists as kept in the database, falling back to the bundled seed lists.

A kind with no entries in the database uses the bundled list (resources/wordlists/), so a new
office starts with sensible lists; once the administrator saves a kind, the office's own list is
used from then on. `load_wordlists` is cached per database change so the matcher is built once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.review.checks.wordlists import (
    Leader,
    WordLists,
    load_default_wordlists,
    normalize_domain,
    parse_leaders,
    parse_word_list,
    parse_wording_errors,
)
from app.review.enums import WordListKind
from app.review.models import WordEntry
from app.review.sources import DEFAULT_SOURCES

_CHECK_KINDS = (WordListKind.SENSITIVE, WordListKind.WORDING, WordListKind.LEADER, WordListKind.PLACE,
                WordListKind.DOMAIN)


@dataclass(frozen=True)
class Entry:
    term: str
    extra: str = ""
    note: str = ""


def default_entries(kind: WordListKind) -> list[Entry]:
    lists = load_default_wordlists()
    if kind is WordListKind.SENSITIVE:
        return [Entry(w) for w in lists.sensitive_words]
    if kind is WordListKind.WORDING:
        return [Entry(k, v) for k, v in lists.wording_errors.items()]
    if kind is WordListKind.LEADER:
        return [Entry(n, p) for n, p in lists.leaders]
    if kind is WordListKind.PLACE:
        return [Entry(p) for p in lists.place_names]
    if kind is WordListKind.DOMAIN:
        return [Entry(d) for d in lists.allowed_domains]
    return [Entry(name, domain, level) for name, domain, level in DEFAULT_SOURCES]


def entries(session: Session, kind: WordListKind) -> tuple[list[Entry], bool]:
    """The entries of one list and whether they are the office's own (False: bundled defaults)."""
    rows = session.scalars(select(WordEntry).where(WordEntry.list_kind == kind.value).order_by(WordEntry.id)).all()
    if rows:
        return [Entry(r.term, r.extra, r.note) for r in rows], True
    return default_entries(kind), False


_cache: dict[tuple[str, int, int], WordLists] = {}


def load_wordlists(session: Session) -> WordLists:
    """The lists the checks run against; rebuilt only when an entry was added, removed or replaced."""
    stamp = session.execute(select(func.count(WordEntry.id), func.coalesce(func.max(WordEntry.id), 0))).one()
    key = (str(session.get_bind().engine.url), int(stamp[0]), int(stamp[1]))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    by_kind = {kind: entries(session, kind)[0] for kind in _CHECK_KINDS}
    lists = WordLists(
        sensitive_words=tuple(e.term for e in by_kind[WordListKind.SENSITIVE]),
        wording_errors={e.term: e.extra for e in by_kind[WordListKind.WORDING]},
        leaders=tuple(Leader(e.term, e.extra) for e in by_kind[WordListKind.LEADER]),
        place_names=tuple(e.term for e in by_kind[WordListKind.PLACE]),
        allowed_domains=tuple(e.term for e in by_kind[WordListKind.DOMAIN]),
    )
    _cache.clear()
    _cache[key] = lists
    return lists


def parse_entries(kind: WordListKind, text: str) -> list[Entry]:
    """Read an administrator's text file (one entry a line) for `kind`."""
    if kind is WordListKind.WORDING:
        return [Entry(k, v) for k, v in parse_wording_errors(text).items()]
    if kind is WordListKind.LEADER:
        return [Entry(n, p) for n, p in parse_leaders(text)]
    if kind is WordListKind.DOMAIN:
        return [Entry(normalize_domain(w)) for w in parse_word_list(text)]
    if kind is WordListKind.SOURCE:
        out = []
        for line in parse_word_list(text):
            parts = [p.strip() for p in line.replace("\t", "|").split("|")]
            if len(parts) < 2 or not parts[1]:
                raise ValidationError(
                    f"权威来源“{line}”格式不对，应为：名称<TAB>域名<TAB>级别（central/provincial/local）。"
                )
            out.append(Entry(parts[0], normalize_domain(parts[1]), parts[2] if len(parts) > 2 else "local"))
        return out
    return [Entry(w) for w in parse_word_list(text)]


def replace_list(session: Session, actor: Actor, kind: WordListKind, new_entries: Iterable[Entry]) -> int:
    """Replace one list (administrators only); returns the number of entries saved."""
    actor.require(Role.ADMIN)
    cleaned: dict[str, Entry] = {}
    for e in new_entries:
        term = e.term.strip()
        if not term:
            continue
        if len(term) > 200:
            raise ValidationError(f"词条“{term[:20]}…”过长（不超过 200 字）。")
        if kind in (WordListKind.WORDING, WordListKind.LEADER) and not e.extra.strip():
            what = "正确写法" if kind is WordListKind.WORDING else "职务"
            raise ValidationError(f"词条“{term}”缺少{what}。")
        cleaned[term] = Entry(term, e.extra.strip(), e.note.strip())
    before, own = entries(session, kind)
    session.execute(delete(WordEntry).where(WordEntry.list_kind == kind.value))
    session.add_all(
        WordEntry(list_kind=kind.value, term=e.term, extra=e.extra, note=e.note, created_by=actor.username)
        for e in cleaned.values()
    )
    session.flush()
    record(session, actor, "update", "word_list", kind.value,
           before={"条数": len(before), "自定义": own}, after={"条数": len(cleaned)},
           summary=f"更新{kind.label}清单：{len(before)} 条 → {len(cleaned)} 条")
    return len(cleaned)
