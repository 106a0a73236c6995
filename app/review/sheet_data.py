"""The 审核发布单 of one post as plain data, and its export to Word.

`sheet_data` reads everything the paper form shows (particulars, source, escalation, the three
stages of the round that counts, earlier returns, accepted findings, publication, confirmation)
into frozen dataclasses, so `reports.review_sheet_docx` never sees an ORM object. Times are
turned into the office's local time here: the database stores naive UTC.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import Role
from app.context import Actor
from app.db.lookup import get_or_not_found, one_or_not_found
from app.errors import ValidationError
from app.export_unit import record_export
from app.localtime import to_local
from app.review.checks.privacy import find_personal_data
from app.review.enums import (
    CHECKLIST_ITEMS,
    REPRINT_LEVELS,
    REQUIREMENTS,
    ChangeKind,
    PostKind,
    PostStatus,
    ReviewStage,
    SourceKind,
)
from app.review.models import AcceptedFinding, Post, StageReview
from app.review.sheet_types import TICK as TICK
from app.review.sheet_types import SheetData as SheetData
from app.review.sheet_types import StageSheet as StageSheet
from app.review.sheet_types import numbered as numbered
from app.settings import get_setting
from app.signoff.service import Decision

# Who may take a sheet out of the program: everyone who works on posts, and the leaders who sign.
SHEET_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, Role.ADMIN)
FINDING_LABELS: dict[str, str] = {
    "secret": "密级标识",
    "privacy-id": "身份证号",
    "privacy-phone": "手机号码",
    "privacy-bankcard": "银行卡号",
    "sensitive-word": "敏感词",
    "wording": "严重表述错误",
    "leader-name": "领导姓名职务",
    "place-name": "地名",
    "link": "链接",
}
def time_text(value: datetime | None) -> str:
    """A stored (UTC) time as the office reads it on paper: 2024年5月6日 09:30."""
    local = to_local(value)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}" if local else ""


def day_text(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _marks(raw: str, items: tuple[str, ...]) -> tuple[str, ...]:
    data = json.loads(raw or "{}")
    out = []
    for item in items:
        mark = data.get(item) or {}
        note = str(mark.get("note", "")).strip()
        if mark.get("ok"):
            out.append(f"{TICK}（{note}）" if note else TICK)
        else:
            out.append(note)
    return tuple(out)


def _stage(stage: ReviewStage, review: StageReview | None) -> StageSheet:
    if review is None:
        return StageSheet(stage.label, stage.reviewer_label, "", "", "", ("",) * len(CHECKLIST_ITEMS),
                          ("",) * len(REQUIREMENTS))
    return StageSheet(stage.label, stage.reviewer_label, review.reviewer_name, time_text(review.signed_at),
                      review.opinion or Decision.APPROVE.label, _marks(review.checklist_json, CHECKLIST_ITEMS),
                      _marks(review.checklist_json, REQUIREMENTS))


def _source_rows(post: Post, basis_files: list[str]) -> tuple[tuple[str, str], ...]:
    kind = SourceKind(post.source_kind)
    if kind is SourceKind.REPRINT:
        rows = [("转载来源网站", post.source_site), ("转载时间", time_text(post.reprinted_at)),
                ("转载链接", post.source_url)]
        if post.reprint_doc_level:
            rows.append(("文件类别", REPRINT_LEVELS.get(post.reprint_doc_level, post.reprint_doc_level)))
        if post.source_justification:
            rows.append(("转载理由", post.source_justification))
    elif kind is SourceKind.COLLECTED:
        rows = [("报送单位", post.source_department), ("已发布网址", post.source_url)]
    else:
        rows = [("首发依据", post.basis_kind), ("依据出处", post.basis_reference),
                ("依据扫描件", "、".join(basis_files) or "（未附）")]
    return tuple(rows)


def _escalation(post: Post) -> tuple[str, str]:
    if not (post.sensitive or post.major_emergency):
        return "否", ""
    flags = []
    if post.sensitive:
        flags.append("重要或敏感信息")
    if post.major_emergency:
        flags.append("涉及重特大突发事件、突发性群体事件")
    if post.escalation_answer.strip():
        answer = f"{post.escalation_by}（{day_text(post.escalation_on)}）：{post.escalation_answer}"
    else:
        answer = "尚未记录请示答复意见"
    return f"是（{'；'.join(flags)}）", answer


def _masked(kind: str, matched: str) -> str:
    # Accepted personal data is stored as found; the paper copy shows it masked like the screen.
    if kind.startswith("privacy-"):
        found = find_personal_data(matched)
        if found:
            return found[0].masked
        return matched[:3] + "*" * max(len(matched) - 7, 0) + matched[-4:] if len(matched) > 7 else "****"
    return matched


def find_post(session: Session, post_no: str) -> Post:
    return one_or_not_found(session, select(Post).where(Post.post_no == post_no.strip()),
                            f"没有编号为“{post_no}”的稿件，请核对审核发布单编号（例如 2024-12）。")


def sheet_data(session: Session, post_id: int, today: date | None = None) -> SheetData:
    post = get_or_not_found(session, Post, post_id, "该稿件不存在，可能已被删除。")
    author = session.get(User, post.author_id)
    parent = session.get(Post, post.parent_id) if post.parent_id else None
    change = ChangeKind(post.change_kind)
    change_text = change.label + (f"（原稿 {parent.post_no}）" if parent else "")
    final = {ReviewStage(r.stage): r for r in post.reviews
             if r.round == post.round and r.decision == Decision.APPROVE.value}
    returns = tuple(
        f"第 {r.round} 轮{ReviewStage(r.stage).label}（{ReviewStage(r.stage).reviewer_label}）"
        f"{r.reviewer_name}于{time_text(r.signed_at)}退回，理由：{r.opinion}"
        for r in post.reviews if r.round < post.round and r.decision == Decision.RETURN.value
    )
    findings = tuple(
        f"{FINDING_LABELS.get(a.kind, a.kind)}“{_masked(a.kind, a.matched)}”：{a.reason}"
        f"（{a.accepted_by}，{time_text(a.accepted_at)}）"
        for a in session.scalars(select(AcceptedFinding).where(AcceptedFinding.post_id == post.id)
                                 .order_by(AcceptedFinding.id))
    )
    sensitive, escalation = _escalation(post)
    basis_files = [a.filename for a in post.attachments if a.purpose == "basis"]
    return SheetData(
        org_name=str(get_setting(session, "org.government_name")), post_no=post.post_no, title=post.title,
        target=post.target, kinds="、".join(PostKind(k).label for k in post.kinds.split(",") if k),
        author=author.display_name if author else "", change=change_text, status=PostStatus(post.status).label,
        round=post.round, source_kind=SourceKind(post.source_kind).label,
        source_rows=_source_rows(post, basis_files), sensitive=sensitive, escalation=escalation,
        stages=tuple(_stage(stage, final.get(stage)) for stage in ReviewStage),
        returns=returns, findings=findings, published_url=post.published_url,
        published_at=time_text(post.published_at), source_unit=post.source_unit, confirmed_by=post.confirmed_by,
        confirmed_at=time_text(post.confirmed_at), printed_on=day_text(today or date.today()),
    )


def export_review_sheet(session: Session, actor: Actor, post_id: int, path: str | Path,
                        today: date | None = None) -> Path:
    """Write the sheet of `post_id` to `path` (.docx); one audit entry (action "export") follows."""
    from app.atomic_file import atomic_write
    from reports.review_sheet_docx import write_review_sheet

    actor.require(*SHEET_ROLES)
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise ValidationError(f"文件名“{target.name}”应以 .docx 结尾。", field="path")
    data = sheet_data(session, post_id, today)
    atomic_write(target, lambda tmp: write_review_sheet(data, tmp))
    record_export(session, actor, "post", post_id, after={"文件": target.name, "编号": data.post_no},
           summary=f"导出稿件 {data.post_no} 的信息审核发布单（{target.name}）")
    return target
