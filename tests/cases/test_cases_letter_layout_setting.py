"""系统设置 → 文书格式 decides per letter kind between 信函格式 and the plain layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.letters import generate_letter, letter_context
from app.cases.outcomes import ReplyType
from app.context import Actor
from app.errors import ValidationError
from app.letters_layout import letter_layout
from app.settings import set_setting


def test_defaults_put_notices_and_replies_in_letter_format(db: Database) -> None:
    with db.session_factory.begin() as s:
        assert letter_layout(s, "reply").letterhead and letter_layout(s, "correction").letterhead
        assert not letter_layout(s, "receipt").letterhead  # a receipt is a form, not a 公文
        assert not letter_layout(s, "reply").preprinted
        set_setting(s, Actor.system(), "letters.letterhead_kinds", ["受理回执"])
        set_setting(s, Actor.system(), "letters.preprinted", True)
        assert letter_layout(s, "receipt").letterhead and not letter_layout(s, "reply").letterhead
        assert letter_layout(s, "receipt").preprinted


def test_unknown_letter_name_is_refused(db: Database) -> None:
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="“答复函”不是可选的项目"):
        set_setting(s, Actor.system(), "letters.letterhead_kinds", ["答复书", "答复函"])


def test_generated_letter_follows_the_setting(db: Database, make_user, tmp_path: Path) -> None:
    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证", phone="13985512345",
        address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 5, 6), content="2023年财政预算", delivery_method=DeliveryMethod.POST,
    )
    headers: list[str] = []
    with db.session_factory.begin() as s:
        for key, value in (("org.address", "锦屏县三江镇政府路1号"), ("org.phone", "0855-7222001"),
                           ("org.postcode", "556700")):
            set_setting(s, Actor.system(), key, value)
        case = register_case(s, clerk, form, date(2024, 5, 6))
        for kinds in ([], ["受理回执"]):
            set_setting(s, Actor.system(), "letters.letterhead_kinds", kinds)
            content = generate_letter(s, clerk, case.id, "receipt", tmp_path / "templates").content
            path = tmp_path / f"r{len(kinds)}.docx"
            path.write_bytes(content)
            section = Document(str(path)).sections[0]
            head = section.first_page_header._element if section.different_first_page_header_footer else None
            headers.append("".join(t.text or "" for t in head.iter(qn("w:t"))) if head is not None else "")
    assert headers == ["", "锦屏县人民政府办公室"]


def test_reply_that_encloses_the_information_names_it_in_an_attachment_note(db: Database, make_user) -> None:
    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证", phone="13985512345",
        address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 5, 6), content="申请公开2023年财政预算。", delivery_method=DeliveryMethod.POST,
    )
    with db.session_factory.begin() as s:
        case = register_case(s, clerk, form, date(2024, 5, 6))
        case.reply_type = ReplyType.DISCLOSABLE.value
        body = letter_context(s, case, "reply")["答复正文"]
        assert "（见附件）" in body and body.endswith("\n附件：2023年财政预算")
        case.reply_body = "现将该信息提供给您（见附件）。\n附件：预算公开表"
        assert letter_context(s, case, "reply")["答复正文"] == case.reply_body  # the clerk's own note stays
