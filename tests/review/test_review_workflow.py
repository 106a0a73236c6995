"""The three-stage chain: roles, one person one stage, returns, escalation, publication, changes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ChangeKind, PostStatus, ReviewStage, SourceKind
from app.review.models import Post, StageReview
from app.review.posts import PostForm, add_attachment, create_post, get_post, update_post, versions
from app.review.workflow import (
    ChecklistMark,
    accept_finding,
    confirm_by_source,
    publish,
    record_escalation,
    start_change,
    submit,
)
from app.signoff.service import Decision
from tests.seen_hashes import review_seen

ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


def _reprint_form(**overrides: object) -> PostForm:
    form = PostForm(
        title="国务院办公厅关于优化营商环境的通知", target="政策文件", body="正文内容……",
        source_kind=SourceKind.REPRINT, source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 9, 30),
        source_url="https://www.gov.cn/zhengce/content/2024-05/06/content_1.htm",
    )
    for key, value in overrides.items():
        setattr(form, key, value)
    return form


@pytest.fixture
def people(make_user):  # type: ignore[no-untyped-def]
    return {
        "editor": make_user("editor", Role.EDITOR, display_name="王芳"),
        "editor2": make_user("editor2", Role.EDITOR, display_name="李强"),
        "head": make_user("head", Role.SECTION_HEAD, display_name="赵敏"),
        "leader": make_user("leader", Role.LEADER_IN_CHARGE, display_name="陈军"),
        "both": make_user("both", Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, display_name="两职"),
    }


def _new_post(db: Database, actor: Actor, **overrides: object) -> int:
    with db.session_factory.begin() as s:
        return create_post(s, actor, _reprint_form(**overrides), today=date(2024, 5, 6)).id


def _do(db: Database, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with db.session_factory.begin() as s:
        return fn(s, *args, **kwargs)


def test_full_chain_to_confirmation(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"])
    _do(db, submit, people["editor"], post_id)
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    _do(db, review_seen, people["head"], post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK)
    _do(db, review_seen, people["leader"], post_id, ReviewStage.THIRD, Decision.APPROVE, "同意发布", ALL_OK)
    _do(db, publish, people["editor"], post_id, "https://www.jinping.gov.cn/zwgk/1.html")
    _do(db, confirm_by_source, people["editor"], post_id, "县发改局 刘某")
    with db.session_factory() as s:
        post = get_post(s, post_id)
        assert post.status == PostStatus.CONFIRMED.value and post.post_no == "2024-1"
        assert [r.stage for r in post.reviews] == ["first", "second", "third"]
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.record_id == str(post_id)))


def test_author_and_one_person_two_stages_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    head_author = people["both"]
    # Writing a post needs the editor role; a section-head-and-leader account has neither.
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        create_post(s, head_author, _reprint_form())
    post_id = _new_post(db, people["editor"])
    _do(db, submit, people["editor"], post_id)
    _do(db, review_seen, people["editor2"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    with pytest.raises(PermissionDenied):  # wrong role for 二审
        _do(db, review_seen, people["editor"], post_id, ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK)
    _do(db, review_seen, people["both"], post_id, ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK)
    with pytest.raises(PermissionDenied, match="同一人"):
        _do(db, review_seen, people["both"], post_id, ReviewStage.THIRD, Decision.APPROVE, "", ALL_OK)
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(StageReview)) == 2


def test_author_never_signs_second_stage(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    author = make_user("multi", Role.EDITOR, Role.SECTION_HEAD)
    post_id = _new_post(db, author)
    _do(db, submit, author, post_id)
    _do(db, review_seen, author, post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    with pytest.raises(PermissionDenied, match="作者"):
        _do(db, review_seen, author, post_id, ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK)


def test_return_goes_back_through_every_stage(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"])
    _do(db, submit, people["editor"], post_id)
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    with pytest.raises(ValidationError, match="理由"):
        _do(db, review_seen, people["head"], post_id, ReviewStage.SECOND, Decision.RETURN, "", {})
    _do(db, review_seen, people["head"], post_id, ReviewStage.SECOND, Decision.RETURN, "第二段数据有误", {})
    with db.session_factory() as s:
        post = get_post(s, post_id)
        assert post.status == PostStatus.DRAFT.value and post.round == 2
        version = post.version
    form = _reprint_form(body="正文内容（已更正数据）……")
    _do(db, update_post, people["editor"], post_id, form, version)
    _do(db, submit, people["editor"], post_id)
    with pytest.raises(ConflictError):  # straight to 二审 is impossible: the round restarts at 初审
        _do(db, review_seen, people["head"], post_id, ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK)
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    with db.session_factory() as s:
        assert [v.number for v in versions(s, post_id)] == [1, 2]
        assert get_post(s, post_id).status == PostStatus.SECOND_REVIEW.value


def test_checklist_must_be_complete(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"])
    _do(db, submit, people["editor"], post_id)
    partial = dict(ALL_OK)
    partial[CHECKLIST_ITEMS[2]] = ChecklistMark(False)
    with pytest.raises(ValidationError, match="知识产权"):
        _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", partial)
    partial[CHECKLIST_ITEMS[2]] = ChecklistMark(False, "图片已取得授权")
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", partial)


def test_sensitive_post_needs_escalation_before_third_stage(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"], sensitive=True)
    _do(db, submit, people["editor"], post_id)
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    _do(db, review_seen, people["head"], post_id, ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK)
    with pytest.raises(ValidationError, match="保密部门或网信部门"):
        _do(db, review_seen, people["leader"], post_id, ReviewStage.THIRD, Decision.APPROVE, "", ALL_OK)
    _do(db, record_escalation, people["editor"], post_id, "县委网信办", "可以发布", date(2024, 5, 7))
    _do(db, review_seen, people["leader"], post_id, ReviewStage.THIRD, Decision.APPROVE, "", ALL_OK)


def test_source_rules_block_submission(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"], source_site="某自媒体", source_url="https://blog.example.com/a")
    with pytest.raises(ValidationError, match="权威来源"):
        _do(db, submit, people["editor"], post_id)
    original = _new_post(db, people["editor"], source_kind=SourceKind.ORIGINAL, basis_kind="领导批示",
                         basis_reference="陈军副县长 2024年5月5日批示")
    with pytest.raises(ValidationError, match="扫描件"):
        _do(db, submit, people["editor"], original)
    _do(db, add_attachment, people["editor"], original, "批示.pdf", b"%PDF-1.4 scan", "basis")
    _do(db, submit, people["editor"], original)


def _published(db: Database, people: dict[str, Actor], post_id: int, url: str) -> None:
    """Submitted, passed 初审, 二审 and 三审 without findings, then published at `url`, each step in
    its own unit of work."""
    for fn, actor, *args in (
        (submit, people["editor"]),
        (review_seen, people["editor"], ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK),
        (review_seen, people["head"], ReviewStage.SECOND, Decision.APPROVE, "", ALL_OK),
        (review_seen, people["leader"], ReviewStage.THIRD, Decision.APPROVE, "", ALL_OK),
        (publish, people["editor"], url),
    ):
        _do(db, fn, actor, post_id, *args)


def test_withdrawal_goes_through_the_chain_and_withdraws_the_original(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"])
    _published(db, people, post_id, "https://www.jinping.gov.cn/1.html")
    child = _do(db, start_change, people["editor"], post_id, ChangeKind.WITHDRAWAL, "数据已更新").id
    _published(db, people, child, "")
    with db.session_factory() as s:
        assert s.get(Post, post_id).status == PostStatus.WITHDRAWN.value  # type: ignore[union-attr]
        assert s.get(Post, child).parent_id == post_id  # type: ignore[union-attr]


def test_accepting_a_finding_needs_a_reason_and_is_audited(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _new_post(db, people["editor"])
    with pytest.raises(ValidationError):
        _do(db, accept_finding, people["editor"], post_id, "sensitive-word", "上访", " ")
    _do(db, accept_finding, people["editor"], post_id, "sensitive-word", "上访", "引用的是政策原文")
    with db.session_factory() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "accept_finding")) is not None


def test_unresolved_personal_data_blocks_approval_until_fixed_or_accepted(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    # 110101199003070011 is a valid ID (check digit 1) of a real birth date.
    post_id = _new_post(db, people["editor"], body="经查，申请人（身份证号 110101199003070011）已领取补助。")
    _do(db, submit, people["editor"], post_id)
    with pytest.raises(ValidationError, match="身份证") as refused:
        _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    assert "110101199003070011" not in str(refused.value)  # shown masked, as inspections expect
    _do(db, accept_finding, people["editor"], post_id, "privacy-id", "110101199003070011", "本人同意公开（已存档）")
    _do(db, review_seen, people["editor"], post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)


def test_central_documents_come_only_from_central_sources(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    provincial_portal = dict(source_site="贵州省人民政府门户网站", source_url="https://www.guizhou.gov.cn/zwgk/1.html")
    post_id = _new_post(db, people["editor"], reprint_doc_level="central", **provincial_portal)
    with pytest.raises(ValidationError, match="中央文件须从"):
        _do(db, submit, people["editor"], post_id)
    ok_id = _new_post(db, people["editor"], reprint_doc_level="provincial", **provincial_portal)
    _do(db, submit, people["editor"], ok_id)
    central_site = _new_post(db, people["editor"], reprint_doc_level="provincial")  # from www.gov.cn
    with pytest.raises(ValidationError, match="省级文件须从"):
        _do(db, submit, people["editor"], central_site)
