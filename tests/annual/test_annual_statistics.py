"""Monthly/quarterly statistics against numbers counted by hand on the 2024 calendar.

2024 facts used below: 4 Apr–6 Apr and 1 May–5 May are holidays; Sun 7 Apr, Sun 28 Apr and
Sat 11 May are make-up working days.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.annual.statistics import (
    Period,
    compute_statistics,
    period_bounds,
    record_rows,
    reply_workdays,
    statistics_cases,
)
from app.bootstrap import Database
from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import Outcome
from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar
from reports.statistics_xlsx import write_statistics_xlsx
from tests.factories import case

TODAY = date(2025, 1, 15)
D = Outcome.DISCLOSED


def _case(received: date, replied: date | None, due: date | None, channel: Channel,
          applicant: ApplicantType = ApplicantType.NATURAL, status: CaseStatus | None = None,
          **extra: Any) -> RequestCase:
    c = case(received, replied, D if replied else None, applicant=applicant, due_on=due, **extra)
    c.channel = channel.value  # the factory fixes these two; set them after
    if status is not None:
        c.status = status.value
    return c


@pytest.fixture
def cases(db: Database) -> dict[str, int]:
    a = _case(date(2024, 5, 6), date(2024, 5, 31), date(2024, 6, 11), Channel.INTERNET)
    # Department consultation out 8 May, back 15 May — one day after its 5 working days (9, 10, 11 make-up
    # Sat, 13, 14 May) ended, so only those 5 days are paused (RULES.md C.7), not 15 May.
    a.consultations.append(Consultation(kind="department", party="县财政局", sent_on=date(2024, 5, 8),
                                        due_on=date(2024, 5, 14), answered_on=date(2024, 5, 15)))
    built = {
        # 20 working days 7–31 May (11 May worked) − 5 paused = 15
        "A": a,
        # corrected: the clock starts 8 Apr; 9–30 Apr with Sun 28 Apr = 17
        "B": _case(date(2024, 4, 1), date(2024, 4, 30), date(2024, 5, 10), Channel.LETTER_REGISTERED,
                   ApplicantType.BUSINESS, correction_received_on=date(2024, 4, 8)),
        # answered a week late: 16 Apr–24 May, 1–5 May off, 28 Apr and 11 May worked = 28
        "C": _case(date(2024, 4, 15), date(2024, 5, 24), date(2024, 5, 17), Channel.IN_PERSON),
        # still open, due 18 Jun: overdue at the end of June and of Q2, not at the end of May
        "D": _case(date(2024, 5, 20), None, date(2024, 6, 18), Channel.LETTER_REGISTERED,
                   ApplicantType.LEGAL_SERVICE),
        # received in June, answered in July before its due date
        "E": _case(date(2024, 6, 20), date(2024, 7, 10), date(2024, 7, 18), Channel.INTERNET),
        # fee notice 1 Apr, paid 3 Apr (the setting pauses the clock): 21 Mar–12 Apr = 16 − 2 = 14
        "F": _case(date(2024, 3, 20), date(2024, 4, 12), date(2024, 4, 19), Channel.FAX, ApplicantType.RESEARCH,
                   fee_notice_on=date(2024, 4, 1), fee_paid_on=date(2024, 4, 3)),
        # answered late in Q1: overdue in Q1 only
        "G": _case(date(2024, 1, 10), date(2024, 3, 1), date(2024, 2, 20), Channel.INTERNET),
        # closed without a reply (withdrawn): never overdue
        "H": _case(date(2024, 4, 2), None, date(2024, 4, 30), Channel.OTHER, ApplicantType.OTHER,
                   status=CaseStatus.CLOSED),
    }
    with db.session_factory.begin() as s:
        s.add_all(built.values())
        s.flush()
        return {name: c.id for name, c in built.items()}


def test_period_bounds() -> None:
    assert period_bounds(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    assert period_bounds(2024, month=2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds(2024, month=12) == (date(2024, 12, 1), date(2024, 12, 31))
    assert period_bounds(2024, quarter=2) == (date(2024, 4, 1), date(2024, 6, 30))
    assert Period(2024, quarter=3).label == "2024年第三季度"
    with pytest.raises(ValidationError):
        period_bounds(2024, month=13)
    with pytest.raises(ValidationError):
        period_bounds(2024, month=1, quarter=1)


def test_quarter_matches_a_hand_count(db: Database, cases: dict[str, int]) -> None:
    with db.session_factory() as s:
        st = compute_statistics(s, 2024, quarter=2, today=TODAY)
    t = st.total
    assert (t.received, t.closed, t.overdue) == (6, 4, 2)  # B C H A D E / B F C A / C D
    assert t.reply_workdays == 15 + 17 + 28 + 14
    assert t.average_workdays == pytest.approx(18.5)  # 74 / 4
    ch = {g.key: g.figures for g in st.by_channel}
    assert (ch["internet"].received, ch["internet"].closed, ch["internet"].average_workdays) == (2, 1, 15)
    assert (ch["letter_registered"].received, ch["letter_registered"].overdue) == (2, 1)
    assert ch["letter_registered"].average_workdays == 17
    assert (ch["in_person"].received, ch["in_person"].closed, ch["in_person"].overdue) == (1, 1, 1)
    assert (ch["fax"].received, ch["fax"].closed, ch["fax"].average_workdays) == (0, 1, 14)
    assert ch["other"].received == 1 and ch["other"].overdue == 0
    ap = {g.key: g.figures for g in st.by_applicant}
    assert (ap["natural"].received, ap["natural"].closed, ap["natural"].overdue) == (3, 2, 1)
    assert ap["natural"].average_workdays == 21.5  # (A 15 + C 28) / 2
    assert ap["research"].closed == 1 and ap["research"].received == 0
    assert ap["public_welfare"].received == 0 and ap["public_welfare"].average_workdays is None
    assert sum(g.figures.received for g in st.by_applicant) == t.received


def test_months(db: Database, cases: dict[str, int]) -> None:
    with db.session_factory() as s:
        may = compute_statistics(s, 2024, month=5, today=TODAY)
        june = compute_statistics(s, 2024, month=6, today=TODAY)
        june_mid = compute_statistics(s, 2024, month=6, today=date(2024, 6, 15))
        q1 = compute_statistics(s, 2024, quarter=1, today=TODAY)
    assert (may.total.received, may.total.closed, may.total.overdue) == (2, 2, 1)
    assert may.total.average_workdays == 21.5  # (A 15 + C 28) / 2
    assert (june.total.received, june.total.closed, june.total.overdue) == (1, 0, 1)
    assert june.total.average_workdays is None
    assert june_mid.as_of == date(2024, 6, 15) and june_mid.total.overdue == 0  # D not due yet
    assert (q1.total.received, q1.total.closed, q1.total.overdue) == (2, 1, 1)
    assert [(m.received, m.closed) for m in may.monthly] == [
        (1, 0), (0, 0), (1, 1), (3, 2), (2, 2), (1, 0), (0, 1), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)]


def test_drill_down_names_the_cases(db: Database, cases: dict[str, int]) -> None:
    q2 = Period(2024, quarter=2)
    with db.session_factory() as s:
        assert statistics_cases(s, q2, "overdue", TODAY) == [cases["C"], cases["D"]]
        assert statistics_cases(s, q2, "overdue", TODAY, channel="in_person") == [cases["C"]]
        assert statistics_cases(s, q2, "closed", TODAY, applicant_type="research") == [cases["F"]]
        rows = record_rows(s, [cases["D"], cases["C"]])
    assert [r.id for r in rows] == [cases["C"], cases["D"]]  # by date received
    assert rows[0].outcome_text == "予以公开" and rows[1].outcome_text == "办理中"


def test_unanswered_consultation_pauses_until_the_reply() -> None:
    c = case(date(2024, 3, 1), date(2024, 3, 29), D)
    c.consultations.append(Consultation(kind="third_party", party="某公司", sent_on=date(2024, 3, 22),
                                        due_on=date(2024, 4, 12), answered_on=None))
    # 4–29 Mar = 20 working days; 25–29 Mar paused (no answer by the reply) = 5
    assert reply_workdays(WorkCalendar(), c, fee_pauses_clock=True) == 15


def test_excel_export_reads_back(db: Database, cases: dict[str, int], tmp_path: Path) -> None:
    with db.session_factory() as s:
        st = compute_statistics(s, 2024, quarter=2, today=TODAY)
    out = write_statistics_xlsx(st, tmp_path / "统计.xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    assert ws.cell(1, 1).value == "锦屏县人民政府办公室2024年第二季度政府信息公开申请办理情况统计"
    assert [ws.cell(2, c).value for c in range(1, 7)] == [
        "类别", "项目", "收到申请（件）", "办结（件）", "逾期（件）", "平均答复用时（工作日）"]
    assert [ws.cell(3, c).value for c in range(1, 7)] == ["合计", "全部申请", 6, 4, 2, 18.5]
    labels = [ws.cell(r, 2).value for r in range(4, 4 + 12)]
    assert labels[0] == "互联网" and labels[-1] == "其他"
    notes = [ws.cell(r, 1).value for r in range(16, ws.max_row + 1)]
    assert any(str(n).startswith("3. 逾期：截至2024年6月30日") for n in notes)
    assert ws.freeze_panes == "A3" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
