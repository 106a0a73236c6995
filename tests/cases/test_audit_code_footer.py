"""The paper anchor (issue 13): exported registers and generated letters carry 审计校验码 in their
footer, and `audit verify --code` checks a printed code against the trail. Both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditHead
from app.audit.seal import full_report
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.letters import generate_letter
from app.cases.register_export import export_register
from app.context import Actor
from app.settings import set_setting

TODAY = date(2024, 6, 28)


def _head_code(db: Database) -> str:
    with db.session_factory() as s:
        head = s.scalars(select(AuditHead)).one()
        return f"{head.last_seq}-{head.last_hash[:12]}"


def _case(db: Database, clerk: Actor) -> int:
    with db.session_factory.begin() as s:
        system = Actor.system()
        set_setting(s, system, "org.address", "贵州省黔东南州锦屏县三江镇政府路1号")
        set_setting(s, system, "org.phone", "0855-7222001")
        set_setting(s, system, "org.postcode", "556700")
        form = CaseForm(
            applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证", phone="13985512345",
            address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
            submitted_on=date(2024, 5, 6), content="锦屏县城北片区棚户区改造项目征收补偿方案",
            delivery_method=DeliveryMethod.POST,
        )
        return register_case(s, clerk, form, TODAY).id


def test_register_and_letter_footers_carry_the_audit_code(
    db: Database, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")
    case_id = _case(db, clerk)

    code = _head_code(db)
    out = tmp_path / "台账.xlsx"
    with db.session_factory.begin() as s:
        export_register(s, clerk, out, year=2024)
    footer = load_workbook(out).active.oddFooter.left.text  # type: ignore[union-attr]
    assert footer == f"审计校验码 {code}"

    code = _head_code(db)
    with db.session_factory.begin() as s:
        letter = generate_letter(s, clerk, case_id, "receipt", tmp_path / "templates")
        content = letter.content
    path = tmp_path / "receipt.docx"
    path.write_bytes(content)
    doc = Document(str(path))
    footers = [p.text for section in doc.sections for p in section.footer.paragraphs]
    assert f"审计校验码 {code}" in footers

    # Typed back from the paper, the code checks out against the trail as it is now.
    with db.session_factory() as s:
        report = full_report(s, db.engine, db.data_dir, codes=[code])
    assert report.ok and any(f"纸面校验码 {code}" in line and "一致" in line for line in report.lines())
