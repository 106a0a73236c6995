"""One entry check for typed text that reaches print: length limit, no emoji or control characters."""

from __future__ import annotations

from datetime import date

import pytest

from app.bootstrap import Database
from app.errors import ValidationError
from app.text_check import bad_character, check_text


def test_emoji_symbols_and_controls_are_refused_rare_characters_are_not() -> None:
    assert bad_character("锦屏县城北片区改造😀方案") == "😀"
    assert bad_character("通知✅") == "✅"
    assert bad_character("标题\u200d") == "\u200d"
    assert bad_character("第一行\n第二行") == "\n"
    assert bad_character("第一行\n第二行", multiline=True) is None
    assert bad_character("粘贴\x0b来的") == "\x0b"
    # 生僻字 of CJK Extension B (a real name), full-width punctuation, 〔〕 and √ are text.
    assert bad_character("𠀾家湾村“三资”清理〔2024〕1号√（一）") is None
    with pytest.raises(ValidationError, match="申请人中有打印时无法显示的字符 “😀”（U\\+1F600）") as caught:
        check_text("张三😀", "申请人", "applicant_name")
    assert caught.value.field == "applicant_name"
    with pytest.raises(ValidationError, match="标题最多 10 个字，现在有 11 个字，请精简"):
        check_text("一" * 11, "标题", "title", limit=10)
    check_text("一" * 10, "标题", "title", limit=10)


def test_disclosure_title_is_checked_at_entry(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.auth.roles import Role
    from app.disclosure.service import ItemForm, create_item
    from app.workdays.service import load_calendar

    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF)
    base = ItemForm(title="锦屏县2024年财政预算", category=0, section="信息公开科", formed_on=date(2024, 3, 1))
    for title, message in (("很长" * 101, "标题最多 200 个字"), ("预算公开🎉", "打印时无法显示的字符")):
        with db.session_factory.begin() as s, pytest.raises(ValidationError, match=message):
            create_item(s, clerk, _with(base, title=title), load_calendar(s), today=date(2024, 3, 5))
    with db.session_factory.begin() as s:
        assert create_item(s, clerk, base, load_calendar(s), today=date(2024, 3, 5)).title == "锦屏县2024年财政预算"


def _with(form, **changes):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(form, **changes)


def test_request_and_post_forms_use_the_same_check(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.auth.roles import Role
    from app.cases.enums import ApplicantType, Channel, DeliveryMethod
    from app.cases.intake import CaseForm, register_case

    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF)
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="张三👍", id_type="居民身份证", phone="13985512345",
        address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 5, 6), content="2023年财政预算", delivery_method=DeliveryMethod.POST,
    )
    refused = "申请人姓名或名称中有打印时无法显示的字符"
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match=refused) as e:
        register_case(s, clerk, form, date(2024, 5, 6))
    assert e.value.field == "applicant_name"
    from dataclasses import replace

    multi = replace(form, applicant_name="张三", content="第一项：预算\n第二项：决算")  # lines are fine in content
    with db.session_factory.begin() as s:
        assert register_case(s, clerk, multi, date(2024, 5, 6)).content.startswith("第一项")


def test_handling_events_reply_and_inspection_use_the_same_check(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.auth.roles import Role
    from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod
    from app.cases.handling import add_consultation, send_correction_notice, start_handling
    from app.cases.intake import CaseForm, register_case
    from app.cases.outcomes import ReplyType
    from app.cases.reply import save_reply_draft
    from app.review.inspections import InspectionForm, record_inspection

    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF)
    editor = make_user("lili", Role.EDITOR)
    today = date(2024, 5, 8)
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name="张三", phone="13985512345",
                    channel=Channel.IN_PERSON, submitted_on=date(2024, 5, 6), content="2023年财政预算",
                    delivery_method=DeliveryMethod.IN_PERSON)
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, form, date(2024, 5, 6)).id
        start_handling(s, clerk, case_id, today=today)
    refusals = [
        ("items", lambda s: send_correction_notice(s, clerk, case_id, today, "请写明\x0c年份", date(2024, 5, 24),
                                                   today=today)),
        ("items", lambda s: send_correction_notice(s, clerk, case_id, today, "年" * 2001, date(2024, 5, 24),
                                                   today=today)),
        ("matter", lambda s: add_consultation(s, clerk, case_id, ConsultationKind.DEPARTMENT, "县财政局",
                                              "是否同意公开⭐", today, today=today)),
        ("body", lambda s: save_reply_draft(s, clerk, case_id, ReplyType.NOT_EXIST, None, "经查，该信息不存在。🙂",
                                            today=today)),
        ("problems", lambda s: record_inspection(s, editor, InspectionForm(day=today, links_ok=False,
                                                                           problems="链接失效\u200b"), today)),
    ]
    for field, call in refusals:
        with db.session_factory.begin() as s, pytest.raises(ValidationError) as e:
            call(s)
        assert e.value.field == field, (field, str(e.value))
    # Lines and tabs are text in these multi-line fields.
    with db.session_factory.begin() as s:
        assert send_correction_notice(s, clerk, case_id, today, ["年份", "范围\t（全县）"], date(2024, 5, 24),
                                      today=today) == []
