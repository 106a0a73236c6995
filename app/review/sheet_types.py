"""What an 信息审核发布单 shows, as plain values: reports/review_sheet_docx.py writes it,
app/review/sheet_data.py gathers it from the database."""

from __future__ import annotations

from dataclasses import dataclass

# "√" rather than "✓": it is the tick Chinese forms use and it is in GB2312, so it prints in
# 仿宋 on every machine instead of falling back to a symbol font.
TICK = "√"
_NUMERALS = "一二三四五六七八九十"


def numbered(index: int, text: str) -> str:
    """“（一）…” as the county text numbers its points."""
    return f"（{_NUMERALS[index]}）{text}"



@dataclass(frozen=True)
class StageSheet:
    """One stage of the round that counts; `signer` is '' while the stage is still open."""

    stage: str  # 初审
    reviewer_role: str  # 信息采编员
    signer: str
    signed_at: str
    opinion: str
    points: tuple[str, ...]  # per CHECKLIST_ITEMS: TICK, the note, or '' when not signed
    requirements: tuple[str, ...]  # per REQUIREMENTS


@dataclass(frozen=True)
class SheetData:
    org_name: str  # whose portal: the county government (rule A's title)
    post_no: str
    title: str
    target: str
    kinds: str
    author: str
    change: str  # 新发布 / 更正（原稿 2024-3）/ 撤稿（原稿 …）
    status: str
    round: int
    source_kind: str
    source_rows: tuple[tuple[str, str], ...]  # (label, value) under 信息来源
    sensitive: str  # 否 / 是（…）
    escalation: str  # the recorded answer, or a note that it is missing, or ''
    stages: tuple[StageSheet, ...]
    returns: tuple[str, ...]  # one sentence per return in an earlier round
    findings: tuple[str, ...]  # one sentence per accepted automated finding
    published_url: str
    published_at: str
    source_unit: str
    confirmed_by: str
    confirmed_at: str
    printed_on: str
