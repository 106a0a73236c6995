"""Source rules (rule A 第五–八条, 第十条(三)(四)): what each source kind must record, and whether a
reprint comes from a source on the administrator's authoritative list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.review.checks.links import host_allowed, link_host
from app.review.enums import SourceKind, WordListKind
from app.review.models import WordEntry

# Seeded into the list on first use; the administrator edits it in 系统设置.
# (name, domain, level) — level decides which documents may be reprinted from it (第十条(三)).
DEFAULT_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("人民日报", "people.com.cn", "central"),
    ("新华社", "news.cn", "central"),
    ("新华网", "xinhuanet.com", "central"),
    ("中国政府网", "www.gov.cn", "central"),
    ("贵州省人民政府门户网站", "guizhou.gov.cn", "provincial"),
    ("贵州日报", "gzrbs.com.cn", "local"),
    ("黔东南日报", "qdnrbs.cn", "local"),
    ("黔东南州人民政府门户网站", "qdn.gov.cn", "local"),
)


@dataclass(frozen=True)
class Source:
    name: str
    domain: str
    level: str  # central / provincial / local


def authoritative_sources(session: Session) -> list[Source]:
    rows = session.scalars(select(WordEntry).where(WordEntry.list_kind == WordListKind.SOURCE.value)).all()
    if not rows:
        return [Source(*s) for s in DEFAULT_SOURCES]
    return [Source(r.term, r.extra, r.note or "local") for r in rows]


def match_source(sources: list[Source], site: str, url: str) -> Source | None:
    """The listed source a reprint comes from: by the link's host, else by the site's name."""
    host = link_host(url) if url else ""
    for source in sources:
        if host and source.domain and host_allowed(host, (source.domain,)):
            return source
    name = site.strip()
    for source in sources:
        if name and (name == source.name or source.name in name):
            return source
    return None


def source_problems(
    session: Session, *, kind: SourceKind, site: str, reprinted: bool, url: str, justification: str,
    department: str, basis_kind: str, basis_reference: str, has_basis_attachment: bool,
) -> list[str]:
    """Everything missing for the post's source, as sentences that say what to fill in."""
    problems: list[str] = []
    if kind is SourceKind.REPRINT:
        if not site.strip():
            problems.append("转载稿件须填写转载来源网站。")
        if not reprinted:
            problems.append("转载稿件须填写转载时间。")
        if not url.strip():
            problems.append("转载稿件须填写转载链接。")
        if site.strip() and url.strip() and match_source(authoritative_sources(session), site, url) is None \
                and not justification.strip():
            problems.append(
                "转载来源不在权威来源名单内（人民日报、新华社、中国政府网、省政府门户网站等），"
                "须说明转载理由，或改从权威来源转载。"
            )
    elif kind is SourceKind.COLLECTED:
        if not department.strip():
            problems.append("采集稿件须填写报送单位。")
        if not url.strip():
            problems.append("采集稿件须填写该单位已对外发布的网址（第七条：只采集已对外发布的信息）。")
    elif kind is SourceKind.ORIGINAL:
        if basis_kind not in ("领导批示", "正式公函"):
            problems.append("首发稿件须注明依据：领导批示或正式公函（第八条）。")
        if not basis_reference.strip():
            problems.append("首发稿件须填写领导批示或公函的文号、日期等出处。")
        if not has_basis_attachment:
            problems.append("首发稿件须附上领导批示或正式公函的扫描件。")
    return problems
