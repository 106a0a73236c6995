"""Creating and editing posts; every saved change of text becomes a version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments import new_attachment
from app.audit.service import changed_fields, record, snapshot
from app.auth.roles import Role
from app.cases.search import build_search_text
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.numbering import next_number
from app.review.enums import ChangeKind, InterpretationKind, PostKind, PostStatus, SourceKind
from app.review.models import Post, PostAttachment, PostVersion
from app.review.post_actions import EDITABLE_STATES, STAGE_ROLES, PostAction, post_actions_for
from app.text_check import check_text

__all__ = ["EDITABLE_STATES", "STAGE_ROLES"]  # stated in app.review.post_actions, importable here as before


@dataclass
class PostForm:
    title: str
    target: str
    kinds: list[PostKind] = field(default_factory=lambda: [PostKind.TEXT])
    body: str = ""
    abstract: str = ""
    source_kind: SourceKind = SourceKind.ORIGINAL
    source_site: str = ""
    reprinted_at: datetime | None = None
    source_url: str = ""
    reprint_doc_level: str = ""
    source_justification: str = ""
    source_department: str = ""
    basis_kind: str = ""
    basis_reference: str = ""
    source_unit: str = ""
    sensitive: bool = False
    major_emergency: bool = False
    interpretation_kind: str = ""  # posts in 政策解读 columns (website report)


def _validate(form: PostForm) -> None:
    if not form.title.strip():
        raise ValidationError("请填写稿件标题。", field="title")
    check_text(form.title.strip(), "标题", "title", limit=300)
    check_text(form.source_unit, "来源单位", "source_unit", limit=200)
    if not form.target.strip():
        raise ValidationError("请选择发布栏目或新媒体账号。", field="target")
    if not form.kinds:
        raise ValidationError("请至少选择一种信息形式（文字、图片、数据、音频、视频）。", field="kinds")
    if PostKind.TEXT in form.kinds and not form.body.strip():
        raise ValidationError("文字稿件的正文不能为空。", field="body")
    if form.interpretation_kind and form.interpretation_kind not in {k.value for k in InterpretationKind}:
        raise ValidationError("解读类型无效，应为解读材料、解读产品或媒体评论文章。", field="interpretation_kind")


def _apply(post: Post, form: PostForm) -> None:
    post.title = form.title.strip()
    post.target = form.target.strip()
    post.kinds = ",".join(k.value for k in form.kinds)
    post.body = form.body
    post.abstract = form.abstract.strip()
    post.source_kind = form.source_kind.value
    post.source_site = form.source_site.strip()
    post.reprinted_at = form.reprinted_at
    post.source_url = form.source_url.strip()
    post.reprint_doc_level = form.reprint_doc_level if form.source_kind is SourceKind.REPRINT else ""
    post.source_justification = form.source_justification.strip()
    post.source_department = form.source_department.strip()
    post.basis_kind = form.basis_kind.strip()
    post.basis_reference = form.basis_reference.strip()
    post.source_unit = form.source_unit.strip()
    post.sensitive = form.sensitive
    post.major_emergency = form.major_emergency
    post.interpretation_kind = form.interpretation_kind
    post.search_text = build_search_text(post.post_no, post.title, post.body, post.target)


def form_of(post: Post) -> PostForm:
    return PostForm(
        title=post.title, target=post.target, kinds=[PostKind(k) for k in post.kinds.split(",") if k],
        body=post.body, abstract=post.abstract, source_kind=SourceKind(post.source_kind),
        source_site=post.source_site, reprinted_at=post.reprinted_at, source_url=post.source_url,
        reprint_doc_level=post.reprint_doc_level,
        source_justification=post.source_justification, source_department=post.source_department,
        basis_kind=post.basis_kind, basis_reference=post.basis_reference, source_unit=post.source_unit,
        sensitive=post.sensitive, major_emergency=post.major_emergency,
        interpretation_kind=post.interpretation_kind,
    )


def get_post(session: Session, post_id: int) -> Post:
    return get_or_not_found(session, Post, post_id, "该稿件不存在，可能已被删除。")


def _add_version(session: Session, post: Post, actor: Actor, stage: str) -> PostVersion:
    number = (post.versions[-1].number + 1) if post.versions else 1
    version = PostVersion(
        post_id=post.id, number=number, title=post.title, body=post.body, abstract=post.abstract,
        saved_by=actor.display_name, stage=stage,
    )
    post.versions.append(version)
    return version


def create_post(session: Session, actor: Actor, form: PostForm, today: date | None = None,
                change_kind: ChangeKind = ChangeKind.NEW, parent: Post | None = None) -> Post:
    """A new draft by an editor (信息采编员)."""
    actor.require(Role.EDITOR, Role.ADMIN)
    if actor.user_id is None:
        raise PermissionDenied("稿件须由具名的信息采编员账户创建。")
    _validate(form)
    year = (today or date.today()).year
    post = Post(
        post_no=f"{year}-{next_number(session, 'post', year)}", status=PostStatus.DRAFT.value,
        change_kind=change_kind.value, parent_id=parent.id if parent else None, round=1,
        author_id=actor.user_id,
    )
    _apply(post, form)
    session.add(post)
    session.flush()
    _add_version(session, post, actor, "draft")
    session.flush()
    record(session, actor, "create", "post", post.id, after=snapshot(post),
           summary=f"新建稿件 {post.post_no}《{post.title}》")
    return post


def may_edit(post: Post, actor: Actor) -> bool:
    return post_actions_for(post, actor).allowed(PostAction.EDIT)


def update_post(session: Session, actor: Actor, post_id: int, form: PostForm, expected_version: int) -> Post:
    """Save changes; a change of title, body or abstract becomes a new version the next stage sees."""
    post = get_post(session, post_id)
    post_actions_for(post, actor).require(PostAction.EDIT)
    if post.version != expected_version:
        raise ConflictError("该稿件已被他人修改并保存，请重新打开后再改。")
    _validate(form)
    before = snapshot(post)
    old_text = (post.title, post.body, post.abstract)
    _apply(post, form)
    if (post.title, post.body, post.abstract) != old_text:
        _add_version(session, post, actor, post.status)
    session.flush()
    after = snapshot(post)
    record(session, actor, "update", "post", post.id, before=before, after=after,
           summary=f"修改稿件 {post.post_no}：{'、'.join(changed_fields(before, after)) or '无变化'}")
    return post


def add_attachment(session: Session, actor: Actor, post_id: int, filename: str, content: bytes,
                   purpose: str = "content") -> PostAttachment:
    post = get_post(session, post_id)
    post_actions_for(post, actor).require(PostAction.EDIT)
    attachment = new_attachment(session, PostAttachment, actor, filename, content, post_id=post.id, purpose=purpose)
    safe = attachment.filename
    record(session, actor, "create", "post_attachment", attachment.id,
           after={"稿件": post.post_no, "文件": safe, "用途": purpose, "大小": len(content)},
           summary=f"稿件 {post.post_no} 添加附件 {safe}")
    return attachment


def versions(session: Session, post_id: int) -> list[PostVersion]:
    return list(session.scalars(select(PostVersion).where(PostVersion.post_id == post_id)
                                .order_by(PostVersion.number)))
