"""Importing a register by hand: forms of dates, every refusal rule, all-or-nothing, the date parser."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.bootstrap import Database
from app.cases.enums import CaseStatus, Channel, ConsultationKind
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.cases.recompute import refresh_due, refresh_search_text
from app.cases.register_import import (
    check_register,
    consultation_kind,
    import_register,
    number_regex,
    reply_type_for,
)
from app.cases.register_rows import date_text, parse_date
from app.context import Actor
from app.errors import PermissionDenied, UserError, ValidationError
from app.numbering import next_number
from app.workdays.service import load_calendar

TODAY = date(2025, 1, 15)
BASE = {
    "受理编号": "锦府办依申〔2024〕{n}号", "申请人类型": "自然人", "申请人": "张三", "申请方式": "互联网",
    "收到申请日期": "2024-03-05", "申请内容": "请公开2023年财政预算",
}


def write_register(path: Path, rows: Sequence[dict[str, Any]], headers: list[str] | None = None) -> Path:
    """A register as an office keeps it: header in row 1, columns in any order."""
    headers = headers or sorted({h for r in rows for h in r} | set(BASE), reverse=True)
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for n, row in enumerate(rows, start=1):
        cells = {**BASE, "受理编号": BASE["受理编号"].format(n=n), **row}
        ws.append([cells.get(h) for h in headers])
    wb.save(path)
    return path


def counts(session: Session) -> tuple[int, int, int]:
    return (
        session.scalar(select(func.count()).select_from(RequestCase)) or 0,
        session.scalar(select(func.count()).select_from(Consultation)) or 0,
        session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
    )


GOOD: list[dict[str, Any]] = [
    {"收到申请日期": "2024/3/5", "答复日期": "2024年3月20日", "办理结果": "予以公开", "备注": "无", "未知列": "x",
     "答复书文号": "锦府办依复〔2024〕12号"},
    {"收到申请日期": datetime(2024, 3, 6), "补正告知日期": "2024-03-08"},
    {"征求意见发出日期": "2024-03-11", "征求意见收回日期": "2024-03-15", "延期告知日期": "2024-04-01",
     "备注": "已与住建部门协商"},
    {"答复日期": "2024-04-01", "办理结果": "不予公开", "具体情形": '3.危及"三安全一稳定"',
     "行政复议结果": "结果维持", "行政复议日期": "2024-05-01"},
    {"受理编号": "旧台账-7", "申请人类型": "法律服务机构", "申请方式": "信函"},
]


def test_good_rows_import_with_their_states(db: Database, tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.xlsx", GOOD)
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
        assert report.errors == [] and report.imported == 5, report.lines()
    with db.session_factory.begin() as s:
        cases = {c.case_no: c for c in s.scalars(select(RequestCase))}
        first, second, third, fourth = (cases[f"锦府办依申〔2024〕{n}号"] for n in range(1, 5))
        assert first.received_on == date(2024, 3, 5) and first.replied_on == date(2024, 3, 20)
        assert first.status == CaseStatus.CLOSED and first.outcome == Outcome.DISCLOSED
        assert first.reply_type == ReplyType.ALREADY_PUBLIC and first.search_text
        assert second.status == CaseStatus.AWAITING_CORRECTION and second.due_on is None
        assert third.status == CaseStatus.IN_PROGRESS
        assert third.extension_notified_on == date(2024, 4, 1)
        (consult,) = third.consultations
        assert consult.kind == ConsultationKind.DEPARTMENT and consult.answered_on == date(2024, 3, 15)
        # 20 + 4 paused (03-12..03-15) + 20 extension = 44 working days after 2024-03-05, across
        # Qingming (04-04..06 off, 04-07 worked) and May Day (05-01..05 off, 04-28 worked).
        assert third.due_on == date(2024, 5, 9)
        assert fourth.outcome == Outcome.WITHHELD and fourth.outcome_detail == 2
        assert fourth.reconsideration_result == "upheld"
        assert cases["旧台账-7"].channel == Channel.LETTER_REGISTERED
        # One audit entry for the whole import, naming the file and every number.
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None and entry.action == "import" and "r.xlsx" in entry.summary
        assert "旧台账-7" in entry.after_json
        assert next_number(s, "case", 2024) == 5
        assert next_number(s, "reply", 2024) == 13
        # What the importer computed is what the services would: recomputing changes nothing.
        calendar = load_calendar(s)
        for case in cases.values():
            search_text = case.search_text
            assert not refresh_due(case, calendar, TODAY, True), case.case_no
            refresh_search_text(case)
            assert case.search_text == search_text
            assert case.version == 1


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"申请人": None}, "申请人", "不能为空"),
    ({"申请人类型": "法人"}, "申请人类型", "不是有效的申请人类型"),
    ({"收到申请日期": "2024-02-30"}, "收到申请日期", "没有这一天"),
    ({"收到申请日期": "三月五日"}, "收到申请日期", "不是日期"),
    ({"补正告知日期": "2024-03-10", "补正收到日期": "2024-03-09"}, "补正收到日期", "早于补正告知日期"),
    ({"征求意见发出日期": "2024-03-10", "征求意见收回日期": "2024-03-09"}, "征求意见收回日期", "早于征求意见发出日期"),
    ({"答复日期": "2024-03-01", "办理结果": "予以公开"}, "答复日期", "早于收到申请日期"),
    ({"答复日期": "2024-03-20"}, "办理结果", "必须填写办理结果"),
    ({"答复日期": "2024-03-20", "办理结果": "无法提供"}, "具体情形", "必须填写具体情形"),
    ({"答复日期": "2024-03-20", "办理结果": "不予处理", "具体情形": "属于国家秘密"},
     "具体情形", "不是“不予处理”的具体情形"),
    ({"行政复议结果": "结果维持"}, "行政复议日期", "须同时填写"),
    ({"行政诉讼类型": "复议后起诉", "行政诉讼日期": "2024-06-01"}, "行政诉讼结果", "须同时填写"),
    ({"答复日期": "2099-01-01", "办理结果": "予以公开"}, "答复日期", "晚于今天"),
    ({"证件号码": 110105194912310021.0}, "证件号码", "存成了数字"),
    ({"受理编号": "锦府办依申〔2024〕1号"}, "受理编号", "与第2行重复"),
]


def test_bad_rows_change_nothing_and_each_is_reported(db: Database, tmp_path: Path) -> None:
    path = write_register(tmp_path / "bad.xlsx", [{}, *(row for row, _, _ in BAD)])
    with db.session_factory.begin() as s:
        before = counts(s)
        report = import_register(s, Actor.system(), path, TODAY)
        assert counts(s) == before
    assert report.imported == 0 and report.rows_ok == 1 and report.bad_rows == len(BAD)
    errors = {(p.row, p.column): p.message for p in report.errors}
    for excel_row, (_, column, phrase) in enumerate(BAD, start=3):
        assert phrase in errors.get((excel_row, column), ""), (excel_row, column, report.lines())
    assert report.lines()[0].startswith("第3行 申请人：")

    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY, skip_invalid=True)
        assert report.imported == 1
    with db.session_factory() as s:
        assert counts(s)[0] == before[0] + 1 and counts(s)[2] == before[2] + 1


def test_warnings_do_not_block(db: Database, tmp_path: Path) -> None:
    rows = [{"证件号码": "110105194912310021", "答复期限": "2024-03-06", "提交日期": "2024-03-09"}]
    path = write_register(tmp_path / "w.xlsx", rows)
    with db.session_factory() as s:
        report = check_register(s, path, TODAY)
    assert report.errors == []
    assert {p.column for p in report.warnings} == {"证件号码", "答复期限", "提交日期"}
    assert "应为 X" in next(p.message for p in report.warnings if p.column == "证件号码")
    assert "2024-04-02" in next(p.message for p in report.warnings if p.column == "答复期限")


def test_number_already_in_database_and_check_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.xlsx", [{}])
    with db.session_factory.begin() as s:
        import_register(s, Actor.system(), path, TODAY)
    with db.session_factory.begin() as s:
        before = counts(s)
        report = check_register(s, path, TODAY)
        assert counts(s) == before
    assert [(p.row, p.column) for p in report.errors] == [(2, "受理编号")]
    assert "已存在" in report.errors[0].message


def test_missing_required_column_and_permission(db: Database, tmp_path: Path, make_user: Any) -> None:
    wb = Workbook()
    wb.active.append(["受理编号", "申请人"])
    wb.save(tmp_path / "few.xlsx")
    with db.session_factory() as s, pytest.raises(UserError, match="收到申请日期"):
        check_register(s, tmp_path / "few.xlsx", TODAY)
    path = write_register(tmp_path / "r.xlsx", [{}])
    editor = Actor(user_id=9, username="ed", display_name="采编", roles=frozenset())
    with db.session_factory() as s, pytest.raises(PermissionDenied):
        import_register(s, editor, path, TODAY)


def test_only_required_columns(db: Database, tmp_path: Path) -> None:
    path = write_register(tmp_path / "min.xlsx", [{}, {}], headers=list(BASE))
    with db.session_factory.begin() as s:
        assert import_register(s, Actor.system(), path, TODAY).imported == 2


def test_helpers() -> None:
    assert consultation_kind("") is ConsultationKind.THIRD_PARTY
    assert consultation_kind("征求共同制作机关意见") is ConsultationKind.CO_PRODUCER
    assert consultation_kind("与财政部门协商") is ConsultationKind.DEPARTMENT
    assert reply_type_for(Outcome.NOT_PROCESSED, 1) is ReplyType.REPEATED
    assert reply_type_for(Outcome.WITHHELD, 0) is ReplyType.WITHHELD
    m = number_regex("{short}依申〔{year}〕{n}号", "锦府办").fullmatch("锦府办依申〔2024〕12号")
    assert m is not None and (m["year"], m["n"]) == ("2024", "12")


# ---------------------------------------------------------------- the date parser

@given(st.dates(), st.sampled_from([0, 1, 2]))
def test_every_date_round_trips_through_each_text_form(day: date, form: int) -> None:
    assert parse_date(date_text(day, form)) == day
    assert parse_date(f"  {date_text(day, form)} ") == day
    assert parse_date(datetime(day.year, day.month, day.day, 13, 5)) == day
    assert parse_date(day) == day


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(), st.binary()))
def test_garbage_gives_a_validation_error_never_another_exception(value: object) -> None:
    try:
        result = parse_date(value)
    except ValidationError as exc:
        assert str(exc)
    else:
        assert result is None or isinstance(result, date)


def test_excel_serial_numbers_and_full_width_digits() -> None:
    assert parse_date(45356) == date(2024, 3, 5)
    assert parse_date("２０２４年３月５日") == date(2024, 3, 5)
    assert parse_date("2024 年 3 月 5 日") == date(2024, 3, 5)
    with pytest.raises(ValidationError):
        parse_date(20240305)
