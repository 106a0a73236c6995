"""What an actor may do to a post now (rule A 第九条), and why not: the one statement of who edits,
submits, publishes and confirms, and of who may not sign a stage.

app/review/posts.py and workflow.py refuse with these reasons; the post detail and editor enable, hide
and explain their buttons from `post_actions_for` (carried on `PostView.actions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.context import Actor
from app.review.enums import PostStatus, ReviewStage
from app.review.models import Post

EDITABLE_STATES = {
    PostStatus.DRAFT: ReviewStage.FIRST,  # the author (or the first reviewer)
    PostStatus.FIRST_REVIEW: ReviewStage.FIRST,
    PostStatus.SECOND_REVIEW: ReviewStage.SECOND,
    PostStatus.THIRD_REVIEW: ReviewStage.THIRD,
}
STAGE_ROLES = {
    ReviewStage.FIRST: (Role.EDITOR,),
    ReviewStage.SECOND: (Role.SECTION_HEAD,),
    ReviewStage.THIRD: (Role.LEADER_IN_CHARGE,),
}
PUBLISH_ROLES = (Role.EDITOR, Role.ADMIN)


class PostAction(StrEnum):
    EDIT = "edit"  # saving the form and adding attachments
    SUBMIT = "submit"
    PUBLISH = "publish"
    CONFIRM = "confirm"


def is_author_or_admin(author_id: int, actor: Actor) -> bool:
    """A draft belongs to its author; an administrator may act for an author who is away."""
    return actor.user_id == author_id or actor.has(Role.ADMIN)


def _edit(post: Post, actor: Actor) -> Refusal | None:
    status = PostStatus(post.status)
    stage = EDITABLE_STATES.get(status)
    if stage is None:
        return Refusal(f"稿件处于“{status.label}”阶段，您不能修改。", permission=True)
    if status is PostStatus.DRAFT:
        if is_author_or_admin(post.author_id, actor):
            return None
        return Refusal("草稿只能由稿件作者或系统管理员修改。", permission=True)
    if actor.has(*STAGE_ROLES[stage]):
        return None
    return Refusal(f"稿件处于“{status.label}”阶段，只有{stage.reviewer_label}可以修改。", permission=True)


def post_actions_for(post: Post, actor: Actor) -> Availability[PostAction]:
    status = PostStatus(post.status)
    return Availability.of({
        PostAction.EDIT: _edit(post, actor),
        PostAction.SUBMIT: first(
            None if status is PostStatus.DRAFT else Refusal("只有草稿可以提交审核。"),
            None if is_author_or_admin(post.author_id, actor)
            else Refusal("只有稿件作者可以提交审核。", permission=True),
        ),
        PostAction.PUBLISH: first(
            refused_for_roles(actor.lacks(*PUBLISH_ROLES)),
            None if status is PostStatus.READY else Refusal("稿件须经三审通过后才能发布。"),
        ),
        PostAction.CONFIRM: first(
            refused_for_roles(actor.lacks(*PUBLISH_ROLES)),
            None if status is PostStatus.PUBLISHED else Refusal("只有已发布的稿件才能记录来源单位确认。"),
        ),
    })


def stage_exclusions(author_id: int, signed: Mapping[ReviewStage, tuple[int, str]],
                     stage: ReviewStage) -> dict[int, str]:
    """Who may not sign `stage`, each with the reason: whoever approved another stage this round
    (`signed`: stage → reviewer id and name), and for 二审/三审 the author."""
    who = STAGE_ROLES[stage][0].label
    out = {
        uid: f"“{name}”已签署本稿件本轮的{other.label}，同一人不能签署两个环节，请由另一位{who}签批。"
        for other, (uid, name) in signed.items() if other is not stage
    }
    if stage is not ReviewStage.FIRST:
        out[author_id] = f"稿件作者不能签署{ReviewStage.SECOND.label}、{ReviewStage.THIRD.label}，请由另一位{who}签批。"
    return out
