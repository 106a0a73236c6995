"""The case side of 区分处理: 拟公开材料, marks, released copies, the statement, the 部分公开 rule."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.archive import document_content, list_documents
from app.cases.case_file import export_case_file
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.handling import start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import save_reply_draft
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.redaction.grounds import Ground
from app.redaction.reply_rules import reply_body
from app.redaction.service import (
    add_release_source,
    generate_released_copy,
    load_marks,
    record_no_copy_reason,
    release_items,
    save_marks,
    statement_rows,
)
from app.redaction.specs import MarkSpec
from tests.redaction.leak_views import pdf_leaks
from tests.redaction.pdf_samples import text_pdf, to_bytes
from tests.seen_hashes import seen_state

TODAY = date(2024, 6, 28)
ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char
PHONE = "13812345678"
SOURCE = to_bytes(text_pdf([
    [f"申请人：张三，身份证号码{ID}。", "其余内容可以公开。"],
    [f"联系电话{PHONE}。", "讨论稿：拟调整补助标准。"],
]))


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def _case(session: Session, clerk: Actor) -> RequestCase:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13900000000",
        address="锦屏县三江镇 1 号", channel=Channel.IN_PERSON, submitted_on=date(2024, 6, 3),
        content="申请公开低保审批材料", delivery_method=DeliveryMethod.POST,
    )
    case = register_case(session, clerk, form, date(2024, 6, 3))
    start_handling(session, clerk, case.id, today=TODAY)
    return case


MARKS = [
    MarkSpec(Ground.PRIVACY, text=ID),
    MarkSpec(Ground.PRIVACY, text="张三"),
    MarkSpec(Ground.PRIVACY, text=PHONE),
    MarkSpec(Ground.PROCESS, text="拟调整补助标准"),
]


def test_release_source_marks_and_copy(session: Session, clerk: Actor) -> None:
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "低保审批表.pdf", SOURCE)
    assert source.category == "release_source"
    save_marks(session, clerk, source.id, MARKS)
    assert load_marks(session, source.id) == MARKS
    copy = generate_released_copy(session, clerk, source.id)
    assert copy.category == "released_copy" and copy.filename == "低保审批表（公开件）.pdf"
    data = document_content(session, copy.id)
    assert pdf_leaks(data, [ID, PHONE, "张三", "拟调整补助标准"]) == []
    assert document_content(session, source.id) == SOURCE  # the original stays as it was
    rows = [(r.document, r.page, r.ground, r.count) for r in statement_rows(session, case.id)]
    assert rows == [
        ("低保审批表（公开件）.pdf", 1, Ground.PRIVACY, 2),
        ("低保审批表（公开件）.pdf", 2, Ground.PRIVACY, 1),
        ("低保审批表（公开件）.pdf", 2, Ground.PROCESS, 1),
    ]
    # The audit trail records counts and grounds, never the hidden text itself.
    entries = session.query(AuditEntry).filter(AuditEntry.action.in_(["redaction_marks", "redaction_generate"])).all()
    assert len(entries) == 2
    assert all(ID not in e.before_json + e.after_json + e.summary for e in entries)


def test_regenerating_replaces_the_copy_and_flags_changed_marks(session: Session, clerk: Actor) -> None:
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "审批表.pdf", SOURCE)
    save_marks(session, clerk, source.id, MARKS[:1])
    first = generate_released_copy(session, clerk, source.id)
    assert release_items(session, case.id)[0].outdated is False
    save_marks(session, clerk, source.id, MARKS)
    item = release_items(session, case.id)[0]
    assert item.outdated is True and item.mark_count == 4 and item.released_id == first.id
    second = generate_released_copy(session, clerk, source.id)
    copies = [d.id for d in list_documents(session, case.id) if d.category == "released_copy"]
    assert copies == [second.id]
    assert release_items(session, case.id)[0].outdated is False


def test_no_marks_no_copy_and_wrong_files_are_refused(session: Session, clerk: Actor) -> None:
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "审批表.pdf", SOURCE)
    with pytest.raises(ValidationError, match="尚无遮盖标记"):
        generate_released_copy(session, clerk, source.id)
    with pytest.raises(ValidationError, match="不能做遮盖处理"):
        add_release_source(session, clerk, case.id, "旧文件.doc", b"x")
    with pytest.raises(ValidationError, match="只有 Word 原件"):
        save_marks(session, clerk, source.id, MARKS, "docx")
    word = add_release_source(session, clerk, case.id, "说明.docx", b"PK")  # the format is chosen per document
    save_marks(session, clerk, word.id, [], "pdf")
    assert save_marks(session, clerk, word.id, [], "docx").output_format == "docx"
    save_marks(session, clerk, source.id, [MarkSpec(Ground.PRIVACY, text="文中没有这句话")])
    with pytest.raises(ValidationError, match="找不到标记的文字"):
        generate_released_copy(session, clerk, source.id)


def test_a_role_without_case_work_is_refused(session: Session, clerk: Actor, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", Role.EDITOR)
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "审批表.pdf", SOURCE)
    with pytest.raises(PermissionDenied):
        save_marks(session, editor, source.id, MARKS)
    with pytest.raises(PermissionDenied):
        record_no_copy_reason(session, editor, case.id, "摘录")


def test_partial_reply_needs_a_copy_or_a_reason(session: Session, clerk: Actor) -> None:
    case = _case(session, clerk)
    with pytest.raises(ValidationError, match="生成至少一份公开件") as err:
        save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, "答复正文", today=TODAY)
    assert err.value.field == "reply_type"
    record_no_copy_reason(session, clerk, case.id, "以摘录方式提供")
    save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, "答复正文", today=TODAY)
    record_no_copy_reason(session, clerk, case.id, "")  # withdrawn: the rule applies again
    with pytest.raises(ValidationError, match="生成至少一份公开件"):
        save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, "答复正文二", today=TODAY)


def test_reply_body_cites_the_grounds_of_the_copies(session: Session, clerk: Actor) -> None:
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "低保审批表.pdf", SOURCE)
    save_marks(session, clerk, source.id, MARKS)
    generate_released_copy(session, clerk, source.id)
    body = reply_body(session, ReplyType.PARTIAL, None, case)
    assert "（见附件：《低保审批表（公开件）.pdf》）" in body
    assert (
        "其中3处内容涉及个人隐私，公开会对第三方合法权益造成损害，"
        "根据《中华人民共和国政府信息公开条例》第十五条的规定不予公开"
    ) in body
    assert (
        "其中1处内容属于行政机关在履行行政管理职能过程中形成的过程性信息，根据《条例》第十六条第二款的规定不予公开"
    ) in body
    assert "第三十七条" in body and "[" not in body  # nothing left to fill in by hand
    save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, body, today=TODAY)
    assert case.reply_body == body


def test_case_file_zip_marks_the_released_copy(session: Session, clerk: Actor, tmp_path: Path) -> None:
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "审批表.pdf", SOURCE)
    save_marks(session, clerk, source.id, MARKS)
    generate_released_copy(session, clerk, source.id)
    out = export_case_file(session, clerk, case.id, tmp_path / "案卷.zip")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        index = docx.Document(io.BytesIO(zf.read("卷内目录.docx")))
    assert any(n.endswith("_公开件（区分处理后）_审批表（公开件）.pdf") for n in names)
    assert any(n.endswith("_拟公开材料（原件，不对外提供）_审批表.pdf") for n in names)
    cells = [c.text for row in index.tables[0].rows for c in row.cells]
    assert "公开件（区分处理后）" in cells and "拟公开材料，不对外提供" in cells


def test_second_review_when_the_office_requires_it(session: Session, clerk: Actor, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.cases.reply import record_justice_review
    from app.redaction.service import review_released_copy
    from app.settings.registry import set_setting

    colleague = make_user("colleague", Role.DISCLOSURE_STAFF, display_name="李同事")
    case = _case(session, clerk)
    source = add_release_source(session, clerk, case.id, "审批表.pdf", SOURCE)
    save_marks(session, clerk, source.id, MARKS)
    generate_released_copy(session, clerk, source.id)
    save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, "答复正文", today=TODAY)
    # Off (the default): the draft goes to 司法局 as before.
    record_justice_review(session, clerk, case.id, date(2024, 6, 20), "合法", today=TODAY,
                          seen_state=seen_state(session, case.id))

    set_setting(session, Actor.system(), "redaction.second_review", True)
    with pytest.raises(ValidationError, match="尚未复核") as err:
        record_justice_review(session, clerk, case.id, date(2024, 6, 21), "合法", today=TODAY,
                              seen_state=seen_state(session, case.id))
    assert "审批表.pdf" in str(err.value)
    with pytest.raises(PermissionDenied, match="另一名工作人员"):
        review_released_copy(session, clerk, source.id)
    review_released_copy(session, colleague, source.id)
    assert release_items(session, case.id)[0].reviewed_by == "colleague"
    record_justice_review(session, clerk, case.id, date(2024, 6, 21), "合法", today=TODAY,
                          seen_state=seen_state(session, case.id))

    # Marks changed after the review: the review no longer counts until the copy is made and checked again.
    save_marks(session, clerk, source.id, MARKS[:2])
    assert release_items(session, case.id)[0].reviewed_by == ""
    with pytest.raises(ValidationError, match="先按当前的遮盖标记生成公开件"):
        review_released_copy(session, colleague, source.id)
