"""Part 3 and Part 4 counted from cases, the template's checks, drill-down and locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.annual.compute import cases_behind
from app.annual.layout import part3_rows
from app.annual.service import compute, lock_year, locked_differences, save_texts, suggested_texts, unlock_year
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, LitigationKind, RemedyResult
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from tests.factories import case
from tests.seen_hashes import seen_annual


@pytest.fixture
def year_2024(db: Database) -> Database:
    with db.session_factory.begin() as s:
        s.add_all([
            case(date(2023, 12, 20)),  # carried in, still open → carried out too
            case(date(2023, 12, 25), date(2024, 1, 10), Outcome.DISCLOSED),  # carried in, answered
            case(date(2024, 2, 1), date(2024, 2, 20), Outcome.DISCLOSED, applicant=ApplicantType.BUSINESS),
            case(date(2024, 3, 1), date(2024, 3, 25), Outcome.PARTIAL, applicant=ApplicantType.LEGAL_SERVICE),
            case(date(2024, 4, 1), date(2024, 4, 20), Outcome.WITHHELD, 0),
            case(date(2024, 5, 1), date(2024, 5, 20), Outcome.UNAVAILABLE, 0, applicant=ApplicantType.RESEARCH),
            case(date(2024, 6, 1), date(2024, 6, 3), Outcome.NOT_PROCESSED, 1),
            case(date(2024, 7, 1), date(2024, 8, 1), Outcome.OTHER, 0, applicant=ApplicantType.OTHER),
            case(date(2024, 12, 20)),  # carried out
            case(date(2024, 12, 28), date(2025, 1, 5), Outcome.DISCLOSED),  # carried out (answered next year)
            case(date(2023, 3, 1), date(2023, 3, 20), Outcome.DISCLOSED),  # entirely last year
            case(date(2024, 1, 5), date(2024, 2, 1), Outcome.DISCLOSED,
                 reconsideration_result=RemedyResult.UPHELD.value,
                 reconsideration_on=date(2024, 3, 1), litigation_kind=LitigationKind.AFTER_RECONSIDERATION.value,
                 litigation_result=RemedyResult.PENDING.value,
                 litigation_on=date(2024, 5, 1), fee_amount=Decimal("100"), fee_paid_on=date(2024, 1, 20)),
        ])
    return db


def test_part3_counts_match_a_hand_count(year_2024: Database) -> None:
    with year_2024.session_factory() as s:
        data = compute(s, 2024)
    c = data.part3
    #           自然人 商业 科研 公益 法律 其他 总计
    assert c["new"] == [5, 1, 1, 0, 1, 1, 9]
    assert c["carried_in"] == [2, 0, 0, 0, 0, 0, 2]
    assert c["outcome:disclosed"] == [2, 1, 0, 0, 0, 0, 3]
    assert c["outcome:partial"] == [0, 0, 0, 0, 1, 0, 1]
    assert c["outcome:withheld:0"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["outcome:unavailable:0"] == [0, 0, 1, 0, 0, 0, 1]
    assert c["outcome:not_processed:1"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["outcome:other:0"] == [0, 0, 0, 0, 0, 1, 1]
    assert c["total"] == [4, 1, 1, 0, 1, 1, 8]
    assert c["carried_out"] == [3, 0, 0, 0, 0, 0, 3]
    assert data.checks_ok, [ch.message for ch in data.checks if not ch.ok]
    assert data.part4 == [1, 0, 0, 0, 1] + [0] * 5 + [0, 0, 0, 1, 1]
    assert data.fees == Decimal("100")


def test_every_row_of_the_template_has_numbers_or_is_a_heading(year_2024: Database) -> None:
    with year_2024.session_factory() as s:
        data = compute(s, 2024)
    for row in part3_rows():
        assert (row.key in data.part3) == row.has_numbers, row.label
    labels = [r.label for r in part3_rows()]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "3.危及“三安全一稳定”" in labels
    assert labels[-1] == "四、结转下年度继续办理"


def test_drill_down_lists_the_cases_in_a_cell(year_2024: Database) -> None:
    with year_2024.session_factory() as s:
        ids = cases_behind(s, 2024, "outcome:disclosed", 0)
        names = sorted(s.get(RequestCase, i).case_no for i in ids)  # type: ignore[union-attr]
    assert len(names) == 2


def test_inconsistent_database_names_the_offending_cases(year_2024: Database) -> None:
    with year_2024.session_factory.begin() as s:
        s.add(case(date(2024, 9, 1), date(2024, 9, 10)))  # answered but no outcome
        s.add(case(date(2024, 10, 10), date(2024, 10, 1), Outcome.WITHHELD, 9))  # detail out of range, reply < receipt
    with year_2024.session_factory() as s:
        data = compute(s, 2024)
        failed = {c.name: c for c in data.checks if not c.ok}
        assert "一 + 二 = 三（七）+ 四" in failed
        assert "本年答复的申请都有办理结果" in failed and len(failed["本年答复的申请都有办理结果"].case_ids) == 1
        assert "答复日期不早于收到申请日期" in failed
        assert "（七）总计 =（一）至（六）之和" in failed


def test_lock_stores_figures_and_flags_later_changes(year_2024: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF)
    head = make_user("head", Role.SECTION_HEAD)
    with year_2024.session_factory.begin() as s:
        save_texts(s, clerk, 2024, "2024年，本机关……", "存在的问题……", "本年收取信息处理费100元。", 0)
        with pytest.raises(PermissionDenied):
            lock_year(s, clerk, 2024, today=date(2025, 1, 20), seen_hash=seen_annual(s, 2024))
        lock_year(s, head, 2024, today=date(2025, 1, 20), seen_hash=seen_annual(s, 2024))
    with year_2024.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="已锁定"):
            save_texts(s, clerk, 2024, "改", "", "", 1)
        # the business applicant's 予以公开 of 2024-02-20 is changed after publication
        s.execute(update(RequestCase).where(RequestCase.received_on == date(2024, 2, 1))
                  .values(outcome=Outcome.PARTIAL.value))
    with year_2024.session_factory() as s:
        diffs = locked_differences(s, 2024)
        assert any("予以公开" in d for d in diffs) and any("部分公开" in d for d in diffs)
        # next year: last year's carried-over count comes from the stored figures
        assert suggested_texts(s, 2025)[0] == "2024年，本机关……"
        checks = {c.name: c for c in compute(s, 2025).checks}
        assert checks["上年结转 = 上一年度报告的结转下年度继续办理"].ok
    with year_2024.session_factory.begin() as s, pytest.raises(ValidationError, match="原因"):
        unlock_year(s, Actor.system(), 2024, "")


def test_current_year_cannot_be_locked(year_2024: Database) -> None:
    with year_2024.session_factory.begin() as s, pytest.raises(ValidationError, match="尚未结束"):
        lock_year(s, Actor.system(), 2024, today=date(2024, 12, 31), seen_hash=seen_annual(s, 2024))


def test_lock_is_refused_when_the_report_changed_since_the_page_showed_it(year_2024: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    from app.annual.service import lock_content
    from app.errors import StaleContent
    from app.signoff.content import content_hash

    clerk, head = make_user("clerk", Role.DISCLOSURE_STAFF), make_user("head", Role.SECTION_HEAD)
    with year_2024.session_factory.begin() as s:
        save_texts(s, clerk, 2024, "2024年，本机关……", "存在的问题……", "本年收取信息处理费100元。", 0)
    with year_2024.session_factory() as s:  # the head's page shows the report
        shown = content_hash(lock_content(compute(s, 2024)))
    with year_2024.session_factory.begin() as s:  # another PC corrects the first part meanwhile
        save_texts(s, clerk, 2024, "2024年，本机关（更正）……", "存在的问题……", "本年收取信息处理费100元。", 1)
    with pytest.raises(StaleContent, match="请重新查看后再锁定"), year_2024.session_factory.begin() as s:
        lock_year(s, head, 2024, today=date(2025, 1, 20), seen_hash=shown)
    with year_2024.session_factory() as s:
        assert not compute(s, 2024).locked
        fresh = content_hash(lock_content(compute(s, 2024)))
    with year_2024.session_factory.begin() as s:
        assert lock_year(s, head, 2024, today=date(2025, 1, 20), seen_hash=fresh).locked
