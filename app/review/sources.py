"""Source rules (rule A 第五–八条, 第十条(三)(四)): what each source kind must record, and whether a
reprint comes from a source on the administrator's authoritative list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.review.checks.links import host_allowed, link_host
from app.review.enums import ALLOWED_SOURCE_LEVELS, REPRINT_LEVELS, SourceKind, WordListKind
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


def level_problem(source: Source | None, doc_level: str) -> str:
    """第十条(三): central documents only from central sources, provincial ones from provincial."""
    allowed = ALLOWED_SOURCE_LEVELS.get(doc_level)
    if allowed is None or (source is not None and source.level in allowed):
        return ""
    where = ("人民日报、新华社等中央新闻单位或中国政府网、国务院各部委官方网站" if doc_level == "central"
             else "贵州省人民政府门户网站或省政府各部门、各直属机构官方网站")
    found = f"“{source.name}”" if source is not None else "该来源"
    what = REPRINT_LEVELS[doc_level].split("（")[0]
    return f"{what}须从{where}转载，{found}不符合（第十条第三项）；请改从规定来源转载，或说明理由。"


def source_problems(
    session: Session, *, kind: SourceKind, site: str, reprinted: bool, url: str, justification: str,
    department: str, basis_kind: str, basis_reference: str, has_basis_attachment: bool, doc_level: str = "",
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
        source = match_source(authoritative_sources(session), site, url) if site.strip() and url.strip() else None
        if site.strip() and url.strip() and source is None and not justification.strip():
            problems.append(
                "转载来源不在权威来源名单内（人民日报、新华社、中国政府网、省政府门户网站等），"
                "须说明转载理由，或改从权威来源转载。"
            )
        elif site.strip() and url.strip() and (why := level_problem(source, doc_level)) and not justification.strip():
            problems.append(why)
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
