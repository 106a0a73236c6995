"""app.disclosure.item_actions: which step applies to an item in each state, whose it is, and why not —
and the services refuse with those sentences (issue 14)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.disclosure.enums import Decision, DocKind
from app.disclosure.item_actions import ItemAction, item_actions_for
from app.disclosure.models import DisclosureItem
from app.disclosure.service import create_item, decide, delay, end_delay, publish, repeal, revisit, secrecy_review
from app.errors import PermissionDenied, UserError, ValidationError
from tests.disclosure._support import CAL, TODAY, item_form
from tests.seen_hashes import seen_item


@pytest.fixture
def people(make_user) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return {"clerk": make_user("clerk", Role.DISCLOSURE_STAFF, display_name="刘经办"),
            "head": make_user("head", Role.SECTION_HEAD, display_name="赵科长")}


def _item(session: Session, clerk: Actor, **kw: object) -> DisclosureItem:
    return create_item(session, clerk, item_form(**kw), CAL, TODAY)


def _available(item: DisclosureItem, actor: Actor) -> set[ItemAction]:
    return set(item_actions_for(item, actor).available())


def _refused(reason: str, call: object) -> UserError:
    assert reason
    with pytest.raises(UserError) as err:
        call()  # type: ignore[operator]
    assert str(err.value) == reason
    return err.value


def test_the_steps_of_each_state(session: Session, people: dict[str, Actor]) -> None:
    clerk, head = people["clerk"], people["head"]
    item = _item(session, clerk, doc_kind=DocKind.NORMATIVE)
    common = {ItemAction.EDIT, ItemAction.NEW_VERSION, ItemAction.REPEAL, ItemAction.ADD_ATTACHMENT}
    assert _available(item, clerk) == common | {ItemAction.SECRECY_REVIEW, ItemAction.DELAY}
    got = item_actions_for(item, clerk)
    assert got.reason(ItemAction.DECIDE) == "须先完成保密审查，再确定公开方式。"
    _refused(got.reason(ItemAction.DECIDE), lambda: decide(session, clerk, item.id, Decision.PROACTIVE, CAL))

    secrecy_review(session, head, item.id, "不涉密", TODAY, seen_hash=seen_item(session, item.id))
    assert _available(item, clerk) == common | {ItemAction.DECIDE, ItemAction.DELAY}
    decide(session, clerk, item.id, Decision.WITHHELD, CAL, withhold_reason=5, legal_basis="条例第十六条")
    got = item_actions_for(item, clerk)
    assert set(got.available()) == common | {ItemAction.REVISIT}
    # Changing a withheld decision goes through 重新研判 (a new secrecy review), not 确定公开方式.
    _refused("该事项已确定为“不予公开”；如情形变化，请先“重新研判”。",
             lambda: decide(session, clerk, item.id, Decision.PROACTIVE, CAL))
    _refused(got.reason(ItemAction.PUBLISH), lambda: publish(
        session, clerk, item.id, ["政务新媒体"], TODAY, "", TODAY))

    revisit(session, clerk, item.id, "情形消除")
    delay(session, clerk, item.id, "待上级批准", CAL)
    got = item_actions_for(item, clerk)
    assert set(got.available()) == common | {ItemAction.END_DELAY}
    _refused("该事项已在暂缓发布中；事由消除后请登记“暂缓事由消除”。",
             lambda: delay(session, clerk, item.id, "又一事由", CAL))
    end_delay(session, clerk, item.id, TODAY, CAL)
    _refused("该事项没有暂缓发布。", lambda: end_delay(session, clerk, item.id, TODAY, CAL))

    secrecy_review(session, head, item.id, "不涉密", TODAY, seen_hash=seen_item(session, item.id))
    decide(session, clerk, item.id, Decision.PROACTIVE, CAL)
    publish(session, clerk, item.id, ["政务新媒体"], TODAY, "", TODAY)
    got = item_actions_for(item, clerk)
    assert set(got.available()) == {ItemAction.NEW_VERSION, ItemAction.REPEAL, ItemAction.ADD_ATTACHMENT}
    assert got.reason(ItemAction.EDIT) == "已公开的事项不能直接修改；文件变更请“登记新版本”。"
    repeal(session, clerk, item.id, TODAY)
    _refused("该文件已于2024年10月30日登记废止。", lambda: repeal(session, clerk, item.id, TODAY))


def test_a_user_without_the_clerks_role_is_told_so(session: Session, people: dict[str, Actor]) -> None:
    item = _item(session, people["clerk"])
    head = people["head"]
    role = "此操作需要以下角色之一：信息公开工作人员、信息采编员、系统管理员。当前用户“赵科长”无此权限。"
    got = item_actions_for(item, head)
    assert got.available() == [ItemAction.SECRECY_REVIEW]  # signed by a section head: their step
    assert got.reason(ItemAction.DELAY) == role and got.reason(ItemAction.ADD_ATTACHMENT) == role
    err = _refused(role, lambda: delay(session, head, item.id, "待上级批准", CAL))
    assert isinstance(err, PermissionDenied)


def test_publishing_waits_for_the_other_units_confirmation(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    item = _item(session, clerk, other_bodies="县财政局")
    secrecy_review(session, people["head"], item.id, "不涉密", TODAY, seen_hash=seen_item(session, item.id))
    decide(session, clerk, item.id, Decision.PROACTIVE, CAL)
    refusal = item_actions_for(item, clerk).refused[ItemAction.PUBLISH]
    assert refusal.field == "others_confirmed_on" and "县财政局" in refusal.text
    err = _refused(refusal.text, lambda: publish(session, clerk, item.id, ["政务新媒体"], TODAY, "", TODAY))
    assert isinstance(err, ValidationError) and err.field == "others_confirmed_on"
