"""Export → import into a fresh database loses no REGISTER.md field; the .xlsx is what REGISTER.md says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.audit.models import AuditEntry
from app.bootstrap import Database, open_database
from app.cases.enums import (
    ApplicantType,
    CaseStatus,
    Channel,
    ConsultationKind,
    DeliveryMethod,
    LitigationKind,
    RemedyResult,
)
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import Outcome
from app.cases.recompute import refresh_due, refresh_search_text
from app.cases.register_export import export_register
from app.cases.register_import import import_register
from app.cases.register_rows import HEADERS, case_cells, row_from_case, row_values
from app.context import Actor
from app.export_progress import ExportCancelled
from app.numbering import next_number
from app.workdays.service import load_calendar

TODAY = date(2025, 1, 15)
FORMULA_TEXT = "=SUM(A1)"


def _case(n: int, **fields: Any) -> RequestCase:
    base: dict[str, Any] = dict(
        case_no=f"锦府办依申〔2024〕{n}号", status=CaseStatus.IN_PROGRESS.value,
        applicant_type=ApplicantType.NATURAL.value, applicant_name=f"申请人{n}", channel=Channel.INTERNET.value,
        received_on=date(2024, 3, n), content=f"申请公开第{n}号事项", id_number="", phone="", email="",
        address="", remarks="", reply_doc_no="", tracking_no="", delivery_method="", reply_delivery_method="",
        outcome="", reconsideration_result="", litigation_kind="", litigation_result="",
    )
    base.update(fields)
    return RequestCase(**base)


def _consult(kind: ConsultationKind, sent: date, answered: date | None, delivered: date | None = None) -> Consultation:
    return Consultation(kind=kind.value, party="某公司", matter="", sent_on=sent, due_on=sent, answered_on=answered,
                        delivered_on=delivered)


def make_cases(session: Session, today: date = TODAY) -> list[RequestCase]:
    """Cases in every state with every register field used somewhere."""
    cases = [
        _case(  # closed, everything filled, text that looks like a formula
            1, status=CaseStatus.CLOSED.value, applicant_name="+张三", id_number="11010519491231002X",
            phone="13800138000", email="zs@example.com", address="@锦屏县三江镇", content=FORMULA_TEXT,
            channel=Channel.LETTER_ORDINARY.value, submitted_on=date(2024, 2, 28),
            replied_on=date(2024, 3, 20), outcome=Outcome.DISCLOSED.value, reply_doc_no="锦府办依复〔2024〕1号",
            reply_delivery_method=DeliveryMethod.POST.value, delivery_method=DeliveryMethod.EMAIL.value,
            tracking_no="1234567890123", remarks="-无", reconsideration_result=RemedyResult.UPHELD.value,
            reconsideration_on=date(2024, 5, 6),
        ),
        _case(  # closed, withheld for a reason whose label has Chinese quotation marks, with a lawsuit
            2, status=CaseStatus.CLOSED.value, applicant_type=ApplicantType.BUSINESS.value,
            applicant_name="锦屏某某木业有限公司", id_number="91522628MA6DL1XX1X", channel=Channel.IN_PERSON.value,
            replied_on=date(2024, 3, 28), outcome=Outcome.WITHHELD.value, outcome_detail=2,
            reply_delivery_method=DeliveryMethod.IN_PERSON.value, litigation_kind=LitigationKind.DIRECT.value,
            litigation_result=RemedyResult.PENDING.value, litigation_on=date(2024, 9, 1),
        ),
        _case(  # waiting for a supplement: no due date yet
            3, status=CaseStatus.AWAITING_CORRECTION.value, applicant_type=ApplicantType.RESEARCH.value,
            channel=Channel.FAX.value, correction_notice_on=date(2024, 3, 7),
        ),
        _case(  # supplement received, consulted a third party, extended
            4, applicant_type=ApplicantType.PUBLIC_WELFARE.value, channel=Channel.OTHER.value,
            correction_notice_on=date(2024, 3, 6), correction_received_on=date(2024, 3, 12),
            extension_notified_on=date(2024, 4, 8), remarks="征求第三方意见",
        ),
        _case(  # a consultation still out; outcome drafted but not yet sent
            5, status=CaseStatus.AWAITING_APPROVAL.value, applicant_type=ApplicantType.LEGAL_SERVICE.value,
            channel=Channel.LETTER_REGISTERED.value, outcome=Outcome.PARTIAL.value,
        ),
        _case(  # closed as 其他处理 / 其他, reconsideration corrected, litigation after it
            6, status=CaseStatus.CLOSED.value, applicant_type=ApplicantType.OTHER.value,
            replied_on=date(2024, 4, 1), outcome=Outcome.OTHER.value, outcome_detail=2,
            reply_delivery_method=DeliveryMethod.OTHER.value, reconsideration_result=RemedyResult.CORRECTED.value,
            reconsideration_on=date(2024, 5, 1), litigation_kind=LitigationKind.AFTER_RECONSIDERATION.value,
            litigation_result=RemedyResult.OTHER.value, litigation_on=date(2024, 7, 1),
        ),
        _case(  # not processed: repeated request; delivered by e-mail
            7, status=CaseStatus.ARCHIVED.value, replied_on=date(2024, 3, 8),
            outcome=Outcome.NOT_PROCESSED.value, outcome_detail=1, reply_delivery_method=DeliveryMethod.EMAIL.value,
            email="a@b.cn",
        ),
        _case(  # unavailable
            8, status=CaseStatus.CLOSED.value, replied_on=date(2024, 4, 2),
            outcome=Outcome.UNAVAILABLE.value, outcome_detail=0,
        ),
    ]
    cases[3].consultations = [_consult(ConsultationKind.THIRD_PARTY, date(2024, 3, 14), date(2024, 3, 21),
                                       date(2024, 3, 15))]
    cases[4].consultations = [_consult(ConsultationKind.DEPARTMENT, date(2024, 3, 8), None)]
    calendar = load_calendar(session)
    for case in cases:
        refresh_due(case, calendar, today, True)
        refresh_search_text(case)
    session.add_all(cases)
    # A case of another year must not appear in the 2024 register.
    session.add(_case(9, case_no="锦府办依申〔2023〕9号", received_on=date(2023, 12, 29), due_on=None))
    session.flush()
    return cases


def register_values(session: Session) -> dict[str, list[Any]]:
    """Every register cell of every case, by case number (what REGISTER.md says must survive)."""
    result = {}
    query = select(RequestCase).options(selectinload(RequestCase.consultations))
    for case in session.scalars(query):
        sent = min((c.sent_on for c in case.consultations), default=None)
        answers = [c.answered_on for c in case.consultations]
        answered = max(answers) if answers and None not in answers else None  # type: ignore[type-var]
        first = min(case.consultations, key=lambda c: (c.sent_on, c.id), default=None)
        kind, delivered = (first.kind, first.delivered_on) if first else (None, None)
        result[case.case_no] = row_values(row_from_case(case, sent, answered, kind, delivered))
    return result


def test_fast_export_cells_equal_the_register_row(db: Database) -> None:
    with db.session_factory.begin() as s:
        for case in make_cases(s):
            first = case.consultations[0] if case.consultations else None
            sent, kind, delivered = (first.sent_on, first.kind, first.delivered_on) if first else (None, None, None)
            assert case_cells(case, sent, None, kind, delivered) == row_values(
                row_from_case(case, sent, None, kind, delivered))


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "fresh")
    yield database
    database.dispose()


@pytest.fixture
def exported(db: Database, tmp_path: Path) -> tuple[Path, dict[str, list[Any]]]:
    with db.session_factory.begin() as s:
        make_cases(s)
    path = tmp_path / "台账.xlsx"
    with db.session_factory.begin() as s:
        assert export_register(s, Actor.system(), path, year=2024) == 8
        values = register_values(s)
    values.pop("锦府办依申〔2023〕9号")
    return path, values


def test_round_trip_keeps_every_register_field(exported: tuple[Path, dict[str, list[Any]]],
                                               fresh_db: Database) -> None:
    path, before = exported
    with fresh_db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
    assert report.errors == [], report.lines()
    assert report.imported == 8
    with fresh_db.session_factory() as s:
        after = register_values(s)
        statuses = {no: st for no, st in s.execute(select(RequestCase.case_no, RequestCase.status))}
        # Numbering continues above the imported numbers.
        assert next_number(s, "case", 2024) == 9
        s.rollback()
    assert after == before
    assert statuses["锦府办依申〔2024〕1号"] == CaseStatus.CLOSED
    assert statuses["锦府办依申〔2024〕3号"] == CaseStatus.AWAITING_CORRECTION
    assert statuses["锦府办依申〔2024〕4号"] == CaseStatus.IN_PROGRESS


def test_sheet_layout_and_cells(exported: tuple[Path, dict[str, list[Any]]]) -> None:
    path, _ = exported
    wb = load_workbook(path)
    ws = wb["依申请公开登记台账"]  # the full sheet, beside the print sheet
    assert ws["A1"].value == "锦屏县人民政府办公室政府信息依申请公开登记台账（2024年）"
    assert [c.value for c in ws[2]] == list(HEADERS)
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:AE{2 + 8}"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"  # A4
    assert "&P" in ws.oddFooter.center.text
    assert ws.column_dimensions["K"].width == pytest.approx(36)
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    first = rows["锦府办依申〔2024〕1号"]
    by_header = dict(zip(HEADERS, first, strict=True))
    content = by_header["申请内容"]
    assert content.value == FORMULA_TEXT and content.data_type == "s"
    assert all(c.data_type != "f" for row in rows.values() for c in row)
    assert by_header["申请人"].value == "+张三" and by_header["申请人"].data_type == "s"
    assert by_header["收到申请日期"].is_date and by_header["收到申请日期"].value == datetime(2024, 3, 1)
    assert by_header["申请方式"].value == "信函（平信）"  # kept apart from 信函（挂号/EMS） (issue 11)
    assert by_header["送达方式"].value == "邮寄"
    assert by_header["证件号码"].value == "11010519491231002X"
    fourth = dict(zip(HEADERS, rows["锦府办依申〔2024〕4号"], strict=True))
    assert fourth["征求意见对象"].value == "第三方" and fourth["征求意见送达日期"].value == datetime(2024, 3, 15)
    fifth = dict(zip(HEADERS, rows["锦府办依申〔2024〕5号"], strict=True))
    assert fifth["征求意见对象"].value == "部门" and fifth["征求意见送达日期"].value is None
    second = dict(zip(HEADERS, rows["锦府办依申〔2024〕2号"], strict=True))
    assert second["具体情形"].value == "危及“三安全一稳定”"
    assert second["行政诉讼类型"].value == "未经复议直接起诉"
    assert "锦府办依申〔2023〕9号" not in rows


def test_export_is_audited_and_cancel_leaves_no_file(db: Database, tmp_path: Path) -> None:
    with db.session_factory.begin() as s:
        make_cases(s)
    seen: list[tuple[int, int]] = []
    path = tmp_path / "a.xlsx"
    with db.session_factory.begin() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
        export_register(s, Actor.system(), path, year=2024, progress=lambda d, t: seen.append((d, t)))
        after = s.scalar(select(func.count()).select_from(AuditEntry))
    assert after == (before or 0) + 1
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)
    cancelled = tmp_path / "b.xlsx"
    with db.session_factory() as s, pytest.raises(ExportCancelled):
        export_register(s, Actor.system(), cancelled, year=2024, cancel=lambda: True)
    assert list(tmp_path.glob("*b.xlsx*")) == []


def test_export_needs_a_role_and_an_xlsx_name(db: Database, tmp_path: Path) -> None:
    from app.errors import PermissionDenied, ValidationError

    clerk = Actor(user_id=5, username="x", display_name="采编", roles=frozenset())
    with db.session_factory() as s:
        with pytest.raises(PermissionDenied):
            export_register(s, clerk, tmp_path / "a.xlsx", year=2024)
        with pytest.raises(ValidationError):
            export_register(s, Actor.system(), tmp_path / "a.xls", year=2024)


def test_cases_made_by_the_services_round_trip(db: Database, fresh_db: Database, tmp_path: Path) -> None:
    from app.cases.handling import (
        add_consultation,
        answer_consultation,
        record_correction_received,
        send_correction_notice,
        start_handling,
    )
    from app.cases.intake import CaseForm, register_case

    clerk = Actor.system()
    day = date(2024, 6, 20)
    with db.session_factory.begin() as s:
        a = register_case(s, clerk, CaseForm(
            applicant_name="王五", id_type="居民身份证", id_number="11010519491231002X", phone="0855-7222222",
            channel=Channel.IN_PERSON, submitted_on=date(2024, 6, 3), content="请公开2024年部门预算",
            delivery_method=DeliveryMethod.EMAIL, email="w@example.com",
        ), day)
        start_handling(s, clerk, a.id, today=day)
        c = add_consultation(s, clerk, a.id, ConsultationKind.DEPARTMENT, "县财政局", "预算", date(2024, 6, 5),
                             today=day)
        answer_consultation(s, clerk, c.id, date(2024, 6, 7), "agree", "", "", "", today=day)
        b = register_case(s, clerk, CaseForm(
            applicant_type=ApplicantType.BUSINESS, applicant_name="某公司", channel=Channel.IN_PERSON,
            submitted_on=date(2024, 6, 4), content="请公开招标文件", address="锦屏县工业园区",
        ), day)
        send_correction_notice(s, clerk, b.id, date(2024, 6, 5), ["写明文件名称"], date(2024, 6, 20), today=day)
        record_correction_received(s, clerk, b.id, date(2024, 6, 11), today=day)
        export_register(s, clerk, tmp_path / "r.xlsx", year=2024)
        before = register_values(s)
    with fresh_db.session_factory.begin() as s:
        report = import_register(s, clerk, tmp_path / "r.xlsx", day)
        assert report.errors == [] and report.imported == 2, report.lines()
        assert register_values(s) == before
