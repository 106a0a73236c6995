"""app.review.post_actions: who may edit, submit, publish and confirm a post in each state, who may
not sign a stage and why — and the services refuse with the same sentences (issue 14)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import PermissionDenied, UserError
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, PostStatus, ReviewStage, SourceKind
from app.review.post_actions import PostAction, post_actions_for, stage_exclusions
from app.review.posts import PostForm, add_attachment, create_post, get_post, update_post
from app.review.workflow import ChecklistMark, confirm_by_source, excluded_signers, publish, submit
from app.signoff.service import Decision, check_signer
from tests.conftest import TEST_PASSWORD
from tests.seen_hashes import review_seen

ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


@pytest.fixture
def people(make_user) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return {
        "author": make_user("author", Role.EDITOR, Role.SECTION_HEAD, display_name="王芳"),
        "editor2": make_user("editor2", Role.EDITOR, display_name="李强"),
        "head": make_user("head", Role.SECTION_HEAD, display_name="赵敏"),
        "leader": make_user("leader", Role.LEADER_IN_CHARGE, display_name="陈军"),
        "admin": make_user("admin", Role.ADMIN, display_name="管理员"),
    }


def _post(db: Database, author: Actor) -> int:
    form = PostForm(
        title="国务院办公厅关于优化营商环境的通知", target="政策文件", body="正文内容……",
        source_kind=SourceKind.REPRINT, source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 9, 30),
        source_url="https://www.gov.cn/zhengce/content/2024-05/06/content_1.htm",
    )
    with db.session_factory.begin() as s:
        return create_post(s, author, form, today=date(2024, 5, 6)).id


def _do(db: Database, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with db.session_factory.begin() as s:
        return fn(s, *args, **kwargs)


def _actions(db: Database, post_id: int, actor: Actor) -> dict[PostAction, str]:
    """Every action with its reason ('' = available)."""
    with db.session_factory() as s:
        got = post_actions_for(get_post(s, post_id), actor)
        return {a: got.reason(a) for a in PostAction}


def _refused(db: Database, reason: str, fn, *args) -> UserError:  # type: ignore[no-untyped-def]
    assert reason
    with pytest.raises(UserError) as err, db.session_factory.begin() as s:
        fn(s, *args)
    assert str(err.value) == reason
    return err.value


def test_author_or_admin_owns_the_draft(db: Database, people: dict[str, Actor]) -> None:
    post_id = _post(db, people["author"])
    for who in ("author", "admin"):
        got = _actions(db, post_id, people[who])
        assert got[PostAction.EDIT] == "" and got[PostAction.SUBMIT] == ""
    got = _actions(db, post_id, people["editor2"])
    assert got[PostAction.EDIT] == "草稿只能由稿件作者或系统管理员修改。"
    assert got[PostAction.SUBMIT] == "只有稿件作者可以提交审核。"
    assert got[PostAction.PUBLISH] == "稿件须经三审通过后才能发布。"
    assert _actions(db, post_id, people["head"])[PostAction.PUBLISH] == (
        "此操作需要以下角色之一：信息采编员、系统管理员。当前用户“赵敏”无此权限。")

    err = _refused(db, got[PostAction.SUBMIT], submit, people["editor2"], post_id)
    assert isinstance(err, PermissionDenied)
    with db.session_factory() as s:
        form = PostForm(title="改", target="政策文件")
        version = get_post(s, post_id).version
    _refused(db, got[PostAction.EDIT], update_post, people["editor2"], post_id, form, version)
    _refused(db, got[PostAction.EDIT], add_attachment, people["editor2"], post_id, "a.txt", b"x")
    _refused(db, got[PostAction.PUBLISH], publish, people["editor2"], post_id, "https://x.gov.cn/1.html")


def test_each_stage_is_edited_by_its_reviewer_then_published_and_confirmed(
        db: Database, people: dict[str, Actor]) -> None:
    author, head, leader = people["author"], people["head"], people["leader"]
    post_id = _post(db, author)
    _do(db, submit, author, post_id)
    _do(db, review_seen, people["editor2"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    got = _actions(db, post_id, people["editor2"])
    assert got[PostAction.EDIT] == "稿件处于“二审”阶段，只有科室负责人可以修改。"
    assert got[PostAction.SUBMIT] == "只有草稿可以提交审核。"
    assert _actions(db, post_id, head)[PostAction.EDIT] == ""
    _refused(db, got[PostAction.SUBMIT], submit, author, post_id)

    _do(db, review_seen, head, post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK)
    _do(db, review_seen, leader, post_id, ReviewStage.THIRD, Decision.APPROVE, "同意", ALL_OK)
    got = _actions(db, post_id, people["editor2"])
    assert got[PostAction.PUBLISH] == "" and got[PostAction.CONFIRM] == "只有已发布的稿件才能记录来源单位确认。"
    assert got[PostAction.EDIT] == "稿件处于“待发布”阶段，您不能修改。"
    _refused(db, got[PostAction.CONFIRM], confirm_by_source, people["editor2"], post_id, "张三")
    _do(db, publish, people["editor2"], post_id, "https://www.jinping.gov.cn/zwgk/1.html")
    assert _actions(db, post_id, people["editor2"])[PostAction.CONFIRM] == ""


def test_the_author_refused_at_second_review_reads_the_authors_reason(
        db: Database, people: dict[str, Actor]) -> None:
    """The bug of issue 14: the author (also a section head) was told they had signed another stage."""
    author = people["author"]
    post_id = _post(db, author)
    _do(db, submit, author, post_id)
    _do(db, review_seen, people["editor2"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    reason = "稿件作者不能签署二审、三审，请由另一位科室负责人签批。"
    with db.session_factory.begin() as s:
        excluded = excluded_signers(s, get_post(s, post_id), ReviewStage.SECOND)
        assert excluded == {author.user_id: reason, people["editor2"].user_id:
                            "“李强”已签署本稿件本轮的初审，同一人不能签署两个环节，请由另一位科室负责人签批。"}
        # The sign-off dialog's check (password first, then the feature's reason).
        check = check_signer(s, "author", TEST_PASSWORD, [Role.SECTION_HEAD], excluded)
    assert (check.ok, check.message) == (False, reason)
    err = _refused(db, reason, review_seen, author, post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK)
    assert isinstance(err, PermissionDenied)
    with db.session_factory() as s:
        assert get_post(s, post_id).status == PostStatus.SECOND_REVIEW.value


def test_a_signer_of_another_stage_is_named_with_that_stage() -> None:
    got = stage_exclusions(7, {ReviewStage.SECOND: (9, "两职")}, ReviewStage.THIRD)
    assert got == {
        9: "“两职”已签署本稿件本轮的二审，同一人不能签署两个环节，请由另一位分管领导签批。",
        7: "稿件作者不能签署二审、三审，请由另一位分管领导签批。",
    }
    assert stage_exclusions(7, {}, ReviewStage.FIRST) == {}  # 初审 is the editors' own check, the author's too
