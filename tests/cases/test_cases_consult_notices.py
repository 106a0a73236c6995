"""The notices a consultation brings: to the applicant that it is being consulted (county text 五(三))
and to a third party whose objection the office overrules (条例第三十二条); numbered when issued,
refused without the facts they state; read back with python-docx."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy.orm import Session

from app.cases.enums import ConsultationKind
from app.cases.handling import add_consultation, answer_consultation, start_handling
from app.cases.letters import generate_letter
from app.context import Actor
from app.errors import ValidationError
from tests.cases.test_cases_letters import TODAY, _office, _register, people  # noqa: F401  (fixture)


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _consulted(
    session: Session, clerk: Actor, kind: ConsultationKind = ConsultationKind.THIRD_PARTY,
) -> tuple[int, int]:
    _office(session)
    case = _register(session, clerk)  # 张三, received 2024-05-06
    start_handling(session, clerk, case.id, today=TODAY)
    c = add_consultation(session, clerk, case.id, kind, "贵州清水江建设工程有限公司",
                         "补偿方案中涉及贵公司的补偿金额", date(2024, 5, 8), today=TODAY)
    return case.id, c.id


def test_applicant_is_told_without_naming_the_third_party(
    session: Session, people: dict[str, Actor], tmp_path: Path,  # noqa: F811
) -> None:
    case_id, cid = _consulted(session, people["clerk"])
    doc = generate_letter(session, people["clerk"], case_id, "consult-notice", tmp_path, consultation_id=cid)
    text = _text(doc.content)
    # Numbers in issue order on 2024-05-08: the 征询书 1, the notice to the applicant 2.
    assert "锦府办依告〔2024〕2号" in text and "文号：锦府办依告〔2024〕2号" in doc.note
    assert "张三：" in text and "因该申请涉及第三方，本机关已于2024年5月8日书面征求其意见" in text
    assert "贵州清水江建设工程有限公司" not in text  # the party's identity may itself be protected
    assert "第三十三条第三款" in text and "不计算在答复期限内" in text
    assert any(line.strip() == "2024年5月8日" for line in text.splitlines())  # 落款: the day it was sent


def test_a_co_producer_is_named_and_a_department_has_no_notice(
    session: Session, people: dict[str, Actor], tmp_path: Path,  # noqa: F811
) -> None:
    clerk = people["clerk"]
    case_id, cid = _consulted(session, clerk, ConsultationKind.CO_PRODUCER)
    text = _text(generate_letter(session, clerk, case_id, "consult-notice", tmp_path, consultation_id=cid).content)
    assert "因该申请涉及贵州清水江建设工程有限公司" in text
    dept = add_consultation(session, clerk, case_id, ConsultationKind.DEPARTMENT, "县住建局", "", date(2024, 5, 9),
                            today=TODAY)
    assert dept.applicant_notice_doc_no == ""  # an internal consultation is not a notice to the applicant


def test_overruled_objection_notice(session: Session, people: dict[str, Actor], tmp_path: Path) -> None:  # noqa: F811
    clerk = people["clerk"]
    case_id, cid = _consulted(session, clerk)
    with pytest.raises(ValidationError, match="第三十二条"):
        generate_letter(session, clerk, case_id, "disclosure-notice", tmp_path, consultation_id=cid)
    c = answer_consultation(session, clerk, cid, date(2024, 5, 20), "object", "涉及本公司商业秘密",
                            "disclose", "补偿金额关系被征收群众切身利益，不公开将对公共利益造成重大影响", today=TODAY)
    assert c.disclosure_notice_doc_no == "锦府办依告〔2024〕3号"  # issued with the decision
    doc = generate_letter(session, clerk, case_id, "disclosure-notice", tmp_path, consultation_id=cid)
    assert doc.category == "third_party_letter"
    text = _text(doc.content)
    assert "贵州清水江建设工程有限公司：" in text and "锦府办依告〔2024〕3号" in text
    assert "你方于2024年5月20日答复不同意公开，理由是：涉及本公司商业秘密。" in text
    assert "第三十二条" in text and "决定予以公开" in text
    assert "二、决定公开的理由：补偿金额关系被征收群众切身利益，不公开将对公共利益造成重大影响。" in text
    assert "其中涉及你方的内容：补偿方案中涉及贵公司的补偿金额。" in text
    assert "行政复议" in text and "张三" not in text  # the third party is not told who asked
    assert any(line.strip() == "2024年5月20日" for line in text.splitlines())  # 落款: the decision day


def test_consent_needs_no_notice(session: Session, people: dict[str, Actor], tmp_path: Path) -> None:  # noqa: F811
    clerk = people["clerk"]
    case_id, cid = _consulted(session, clerk)
    c = answer_consultation(session, clerk, cid, date(2024, 5, 20), "agree", "同意", "disclose", "", today=TODAY)
    assert c.disclosure_notice_doc_no == ""
    with pytest.raises(ValidationError, match="不同意公开"):
        generate_letter(session, clerk, case_id, "disclosure-notice", tmp_path, consultation_id=cid)
