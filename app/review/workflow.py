"""The review chain of rule A 第九条: 草稿 → 初审 → 二审 → 三审 → 待发布 → 已发布 → 来源单位已确认.

Rules enforced here, whatever the UI offers:
- each stage is reviewed by its role (初审 信息采编员, 二审 科室负责人, 三审 分管领导);
- one person signs at most one stage of a post in a round; the author never signs 二审 or 三审;
- every checklist point is ticked or annotated before a stage can approve;
- a returned post goes back to the draft and through every stage again (a new round);
- a sensitive post or one on a major emergency needs the recorded answer of the secrecy or cyberspace
  office, or the county leader's consent, before 三审 can pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit.service import record, snapshot
from app.auth.roles import Role
from app.context import Actor
from app.db.base import utcnow
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.review.checks.findings import Finding
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ChangeKind, PostStatus, ReviewStage, SourceKind
from app.review.models import AcceptedFinding, Post, StageReview
from app.review.post_actions import PostAction, post_actions_for, stage_exclusions
from app.review.posts import STAGE_ROLES, PostForm, create_post, form_of, get_post
from app.review.sources import source_problems
from app.signoff.content import require_seen
from app.signoff.service import Decision

STAGE_OF_STATUS = {
    PostStatus.FIRST_REVIEW: ReviewStage.FIRST,
    PostStatus.SECOND_REVIEW: ReviewStage.SECOND,
    PostStatus.THIRD_REVIEW: ReviewStage.THIRD,
}
NEXT_STATUS = {
    ReviewStage.FIRST: PostStatus.SECOND_REVIEW,
    ReviewStage.SECOND: PostStatus.THIRD_REVIEW,
    ReviewStage.THIRD: PostStatus.READY,
}


@dataclass(frozen=True)
class ChecklistMark:
    ok: bool
    note: str = ""


def _state(post: Post) -> PostStatus:
    return PostStatus(post.status)


def _move(session: Session, actor: Actor, post: Post, to: PostStatus, summary: str) -> None:
    before = post.status
    post.status = to.value
    session.flush()
    record(session, actor, "state", "post", post.id, before={"状态": PostStatus(before).label},
           after={"状态": to.label}, summary=summary)


def submit(session: Session, actor: Actor, post_id: int) -> Post:
    """The author sends a draft to 初审 once its source is complete (第五–八条, 第十三条)."""
    post = get_post(session, post_id)
    post_actions_for(post, actor).require(PostAction.SUBMIT)
    problems = source_problems(
        session, kind=SourceKind(post.source_kind), site=post.source_site, reprinted=post.reprinted_at is not None,
        url=post.source_url, justification=post.source_justification, department=post.source_department,
        basis_kind=post.basis_kind, basis_reference=post.basis_reference,
        has_basis_attachment=any(a.purpose == "basis" for a in post.attachments),
        doc_level=post.reprint_doc_level,
    )
    if problems:
        raise ValidationError("信息来源不完整：\n" + "\n".join(problems), field="source")
    _move(session, actor, post, PostStatus.FIRST_REVIEW, f"稿件 {post.post_no} 提交初审（第 {post.round} 轮）")
    return post


def signers_this_round(session: Session, post: Post) -> dict[ReviewStage, tuple[int, str]]:
    """Who approved which stage in the post's current round (id and name)."""
    rows = session.scalars(
        select(StageReview).where(StageReview.post_id == post.id, StageReview.round == post.round)
    ).all()
    return {ReviewStage(r.stage): (r.reviewer_id, r.reviewer_name) for r in rows
            if r.decision == Decision.APPROVE.value}


def excluded_signers(session: Session, post: Post, stage: ReviewStage) -> dict[int, str]:
    """Who may not sign `stage`, each with the reason (app.review.post_actions.stage_exclusions)."""
    return stage_exclusions(post.author_id, signers_this_round(session, post), stage)


def _check_checklist(checklist: Mapping[str, ChecklistMark]) -> None:
    missing = [item for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)
               if item not in checklist or not (checklist[item].ok or checklist[item].note.strip())]
    if missing:
        raise ValidationError("以下审核要点尚未勾选或注明意见：\n" + "\n".join(f"· {m}" for m in missing),
                              field="checklist")


def open_findings(session: Session, post: Post) -> list[Finding]:
    """High-severity automated findings in the current text that no reviewer has accepted."""
    from app.review.checks.engine import run_checks
    from app.review.wordlists_db import load_wordlists

    accepted = {(a.kind, a.matched) for a in accepted_findings(session, post.id)}
    text = "\n".join(part for part in (post.title, post.abstract, post.body) if part)
    return [f for f in run_checks(text, load_wordlists(session))
            if f.severity == "high" and (f.kind, f.matched[:200]) not in accepted]


def _check_findings(session: Session, post: Post) -> None:
    """Secret markings, personal data and serious wording errors are fixed or explicitly accepted
    (with a reason, in the audit trail) before any stage approves: 涉密信息不上网."""
    remaining = open_findings(session, post)
    if remaining:
        shown = "\n".join(f"· {f.masked}：{f.message}" for f in remaining[:5])
        more = f"\n……共 {len(remaining)} 处" if len(remaining) > 5 else ""
        raise ValidationError(
            "自动检查发现以下须处理的问题，请修改稿件，或在检查结果中逐条“确认无问题”并写明理由：\n" + shown + more,
            field="findings",
        )


def escalation_missing(post: Post) -> str:
    """Why 三审 cannot pass yet, or '' when nothing is missing."""
    if not (post.sensitive or post.major_emergency):
        return ""
    if post.escalation_answer.strip() and post.escalation_by.strip() and post.escalation_on is not None:
        return ""
    if post.major_emergency:
        return "涉及重特大突发事件、突发性群体事件的信息，须先记录县委、县政府有关领导的同意意见后方可签发。"
    return "重要或敏感信息须先记录县委保密部门或网信部门的答复意见后方可签发。"


def record_escalation(session: Session, actor: Actor, post_id: int, by: str, answer: str, on: date) -> Post:
    post = get_post(session, post_id)
    actor.require(Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.ADMIN)
    if not by.strip() or not answer.strip():
        raise ValidationError("请填写答复单位（或同意的领导）和答复意见。", field="escalation")
    before = {"单位": post.escalation_by, "意见": post.escalation_answer, "日期": post.escalation_on}
    post.escalation_by, post.escalation_answer, post.escalation_on = by.strip(), answer.strip(), on
    session.flush()
    record(session, actor, "update", "post", post.id, before=before,
           after={"单位": post.escalation_by, "意见": post.escalation_answer, "日期": on},
           summary=f"稿件 {post.post_no} 记录请示答复（{post.escalation_by}）")
    return post


def post_signoff_content(post: Post) -> dict[str, object]:
    """The post as a stage signs it: its text, source and escalation fields and latest version.
    The workflow columns are left out (each stage moves the status; the stage check covers them)."""
    content: dict[str, object] = snapshot(post, exclude=("search_text", "updated_at", "status", "version"))
    content["版本"] = post.versions[-1].number if post.versions else 1
    return content


def review(
    session: Session, reviewer: Actor, post_id: int, stage: ReviewStage, decision: Decision, opinion: str,
    checklist: Mapping[str, ChecklistMark], *, seen_hash: str,
) -> StageReview:
    """One stage's approval or return. 二审/三审 reviewers arrive through the sign-off dialog.
    `seen_hash` is the content_hash of post_signoff_content the reviewer was shown."""
    post = get_post(session, post_id)
    current = STAGE_OF_STATUS.get(_state(post))
    if current is not stage:
        raise ConflictError(f"稿件当前处于“{_state(post).label}”阶段，不能进行{stage.label}。请刷新后查看。")
    signed_hash = require_seen(seen_hash, post_signoff_content(post))
    if stage is not ReviewStage.FIRST:
        # 二审/三审 are signatures: proof of the reviewer's own password, account re-read now.
        from app.auth.proof import confirm_signer

        reviewer = confirm_signer(session, reviewer)
    reviewer.require(*STAGE_ROLES[stage])
    if reviewer.user_id is None:
        raise PermissionDenied("审核须由具名账户签署。")
    if why := excluded_signers(session, post, stage).get(reviewer.user_id):
        raise PermissionDenied(why)
    if decision is Decision.RETURN and not opinion.strip():
        raise ValidationError("退回稿件须写明理由。", field="opinion")
    if decision is Decision.APPROVE:
        _check_checklist(checklist)
        _check_findings(session, post)
        if stage is ReviewStage.THIRD and (why := escalation_missing(post)):
            raise ValidationError(why, field="escalation")
    entry = StageReview(
        post_id=post.id, round=post.round, stage=stage.value, reviewer_id=reviewer.user_id,
        reviewer_name=reviewer.display_name, decision=decision.value, opinion=opinion.strip(),
        checklist_json=json.dumps({k: {"ok": v.ok, "note": v.note} for k, v in checklist.items()},
                                  ensure_ascii=False),
        version_number=post.versions[-1].number if post.versions else 1, content_hash=signed_hash,
    )
    session.add(entry)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise ConflictError(f"本轮{stage.label}刚刚已由他人签署，请刷新后查看。") from exc
    record(session, reviewer, "sign_off", "post", post.id,
           after={"环节": stage.label, "轮次": post.round, "结论": decision.label, "意见": entry.opinion},
           summary=f"{stage.label}{decision.label}：稿件 {post.post_no}")
    if decision is Decision.APPROVE:
        _move(session, reviewer, post, NEXT_STATUS[stage], f"稿件 {post.post_no} {stage.label}通过")
    else:
        post.round += 1
        _move(session, reviewer, post, PostStatus.DRAFT,
              f"稿件 {post.post_no} 在{stage.label}被退回，须重新经过各审核环节")
    return entry


def publish(session: Session, actor: Actor, post_id: int, url: str, published_at: datetime | None = None) -> Post:
    """Record the publication (第十二条): the page's address and time."""
    post = get_post(session, post_id)
    post_actions_for(post, actor).require(PostAction.PUBLISH)
    if post.change_kind != ChangeKind.WITHDRAWAL.value and not url.strip().lower().startswith(("http://", "https://")):
        raise ValidationError("请填写发布后的网页地址（以 http:// 或 https:// 开头）。", field="url")
    post.published_url = url.strip()
    post.published_at = published_at or utcnow()
    if post.change_kind == ChangeKind.WITHDRAWAL.value and post.parent_id is not None:
        parent = get_post(session, post.parent_id)
        _move(session, actor, parent, PostStatus.WITHDRAWN, f"稿件 {parent.post_no} 已按撤稿审核单 {post.post_no} 撤回")
    _move(session, actor, post, PostStatus.PUBLISHED, f"稿件 {post.post_no} 已发布")
    return post


def confirm_by_source(session: Session, actor: Actor, post_id: int, confirmed_by: str,
                      confirmed_at: datetime | None = None) -> Post:
    """第十五条: after publication the source unit confirms the post."""
    post = get_post(session, post_id)
    post_actions_for(post, actor).require(PostAction.CONFIRM)
    if not confirmed_by.strip():
        raise ValidationError("请填写来源单位确认人。", field="confirmed_by")
    post.confirmed_by = confirmed_by.strip()
    post.confirmed_at = confirmed_at or utcnow()
    _move(session, actor, post, PostStatus.CONFIRMED, f"稿件 {post.post_no} 来源单位已确认（{post.confirmed_by}）")
    return post


def start_change(session: Session, actor: Actor, post_id: int, kind: ChangeKind, reason: str,
                 form: PostForm | None = None) -> Post:
    """A correction or withdrawal of a published post is a new post that goes through the chain again."""
    if kind is ChangeKind.NEW:
        raise ValidationError("请选择更正或撤稿。")
    if not reason.strip():
        raise ValidationError("请写明更正或撤稿的原因。", field="reason")
    original = get_post(session, post_id)
    if _state(original) not in (PostStatus.PUBLISHED, PostStatus.CONFIRMED):
        raise ValidationError("只有已发布的稿件才能更正或撤稿。")
    new_form = form or form_of(original)
    if kind is ChangeKind.WITHDRAWAL:
        new_form.title = f"撤稿：{original.title}"
        new_form.body = f"撤稿原因：{reason.strip()}\n\n原稿：\n{original.body}"
    child = create_post(session, actor, new_form, change_kind=kind, parent=original)
    record(session, actor, "create", "post", child.id, after={"原稿": original.post_no, "原因": reason.strip()},
           summary=f"稿件 {original.post_no} 发起{kind.label}，新审核单 {child.post_no}")
    return child


def accept_finding(
    session: Session, actor: Actor, post_id: int, kind: str, matched: str, reason: str
) -> AcceptedFinding:
    """A reviewer judges an automated finding harmless; the reason goes to the audit trail."""
    actor.require(Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE)
    post = get_post(session, post_id)
    if not reason.strip():
        raise ValidationError("请写明认定该提示无问题的理由。", field="reason")
    entry = AcceptedFinding(post_id=post.id, kind=kind, matched=matched[:200], reason=reason.strip(),
                            accepted_by=actor.display_name)
    session.add(entry)
    session.flush()
    record(session, actor, "accept_finding", "post", post.id,
           after={"类别": kind, "内容": matched, "理由": entry.reason},
           summary=f"稿件 {post.post_no}：认定自动检查提示“{matched}”无问题")
    return entry


def accepted_findings(session: Session, post_id: int) -> list[AcceptedFinding]:
    return list(session.scalars(select(AcceptedFinding).where(AcceptedFinding.post_id == post_id)))
