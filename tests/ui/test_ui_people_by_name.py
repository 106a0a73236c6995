"""People are shown by name and section, never by login name (issue 17): 登记人 zhangli, 由 zhaomin 锁定,
and the first administrator reading 最近登录：从未登录 right after the wizard."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.auth.people import person_label, person_labels
from app.auth.roles import Role
from app.auth.service import create_first_admin
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from ui.cases.case_view import load_case_view

pytestmark = pytest.mark.gui


def _with_section(db: Database, username: str, section: str) -> None:
    with db.session_factory.begin() as s:
        s.scalars(select(User).where(User.username == username)).one().section = section


def test_labels_give_name_and_section_and_keep_unknown_login_names(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("zhangli", Role.DISCLOSURE_STAFF, display_name="张丽")
    make_user("zhaomin", Role.SECTION_HEAD, display_name="赵敏")
    _with_section(db, "zhangli", "信息中心")
    with db.session_factory() as s:
        assert person_labels(s, ["zhangli", "zhaomin", "system"]) == {
            "zhangli": "张丽（信息中心）", "zhaomin": "赵敏", "system": "system"}
        assert person_label(s, "") == ""


def test_the_case_summary_names_who_registered_it(qtbot, db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from ui.cases.case_detail import summary_html

    clerk = make_user("zhangli", Role.DISCLOSURE_STAFF, display_name="张丽")
    _with_section(db, "zhangli", "信息中心")
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证",
                    phone="13800138000", address="锦屏县三江镇", channel=Channel.IN_PERSON,
                    submitted_on=date(2026, 12, 1), content="申请公开县政府2025年工作报告",
                    delivery_method=DeliveryMethod.POST)
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, form, date(2026, 12, 1)).id
    with db.session_factory() as s:
        html = summary_html(load_case_view(s, case_id, date(2026, 12, 3)))
    assert "张丽（信息中心）" in html and "zhangli" not in html


def test_the_annual_report_lock_names_the_person(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.annual.models import AnnualReport
    from app.annual.service import report_state

    make_user("zhaomin", Role.SECTION_HEAD, display_name="赵敏")
    with db.session_factory.begin() as s:
        s.add(AnnualReport(year=2025, locked=True, locked_by="zhaomin"))
    with db.session_factory() as s:
        state = report_state(s, 2025)
    assert state.locked_by == "zhaomin" and state.locked_by_name == "赵敏"


def test_the_wizards_administrator_has_logged_in(db: Database) -> None:
    with db.session_factory.begin() as s:
        admin = create_first_admin(s, "admin", "王建国", "Quartz-Lantern-42")
        assert admin.last_login_at is not None
