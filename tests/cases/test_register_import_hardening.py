"""Register import hardening (issue 13): text limits shared with the form, 1904-date-system
workbooks, direction and invisible characters removed with a note naming row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from sqlalchemy import select

from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.register_import import check_register, import_register
from app.cases.text_limits import TEXT_LIMITS
from app.context import Actor
from app.errors import ValidationError
from reports.xlsx_sheet import CUT_MARK, clean_text

TODAY = date(2025, 1, 15)
HEADERS = ["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "提交日期"]


def _register(path: Path, rows: list[list[object]], *, epoch_1904: bool = False) -> Path:
    wb = Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904  # as an old Mac Excel or "使用 1904 日期系统" saves it
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        cells[0].number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def test_content_longer_than_the_form_allows_is_refused_by_both(db: Database, tmp_path: Path) -> None:
    limit = TEXT_LIMITS["content"]
    long_text = "请公开" + "预" * limit
    path = _register(tmp_path / "long.xlsx", [["锦府办依申〔2024〕1号", "自然人", "张三", "互联网", date(2024, 3, 5),
                                               long_text, None]])
    with db.reader() as s:
        report = check_register(s, path, TODAY)
    assert [(p.row, p.column) for p in report.errors] == [(2, "申请内容")]
    assert f"最多 {limit} 个字符" in report.errors[0].message
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证",
                    phone="13800138000", address="锦屏县三江镇飞山路1号", channel=Channel.IN_PERSON,
                    submitted_on=date(2024, 3, 5), content=long_text, delivery_method=DeliveryMethod.POST)
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match=f"最多 {limit} 个字"):
        register_case(s, Actor.system(), form, TODAY)


def test_a_1904_date_system_workbook_reads_the_same_dates(db: Database, tmp_path: Path) -> None:
    # 2024-03-05 is serial 45356 from 1899-12-30 and 43894 from 1904-01-01 (1462 days apart).
    # Cell E is formatted as a date; cell G (提交日期) lost its format and holds the bare 1904 serial of
    # 2024-03-04 (45355 - 1462 = 43893).
    path = _register(tmp_path / "mac.xlsx", [["锦府办依申〔2024〕1号", "自然人", "张三", "互联网", date(2024, 3, 5),
                                              "请公开2023年财政预算", 43893]], epoch_1904=True)
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
        assert report.errors == [] and report.imported == 1, report.lines()
    with db.reader() as s:
        case = s.scalars(select(RequestCase)).one()
        assert (case.received_on, case.submitted_on) == (date(2024, 3, 5), date(2024, 3, 4))


def test_direction_and_invisible_characters_are_removed_and_reported(db: Database, tmp_path: Path) -> None:
    # U+202E shows "张三\u202e四五" reversed on screen; U+200B makes two equal-looking names differ.
    path = _register(tmp_path / "bidi.xlsx", [
        ["锦府办依申〔2024〕1号", "自然人", "张三\u202e四五", "互联网", date(2024, 3, 5), "请公开\u200b预算", None],
        ["锦府办依申〔2024〕2号", "自然人", "李四", "互联网", date(2024, 3, 5), "请公开决算", None],
    ])
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
        assert report.errors == [] and report.imported == 2, report.lines()
    notes = {(p.row, p.column): p.message for p in report.warnings}
    assert "文字方向控制符（U+202E）" in notes[(2, "申请人")]
    assert "U+200B" in notes[(2, "申请内容")]
    assert (3, "申请人") not in notes
    assert any(line.startswith("第2行 申请人：（提示）已删除 1 个文字方向控制符") for line in report.lines())
    with db.reader() as s:
        names = sorted(s.scalars(select(RequestCase.applicant_name)))
        contents = sorted(s.scalars(select(RequestCase.content)))
    assert names == ["张三四五", "李四"] and "请公开预算" in contents


def test_export_never_cuts_a_cell_silently() -> None:
    text = clean_text("字" * 40_000)
    assert len(text) == 32_767 and text.endswith(CUT_MARK)
    assert clean_text("字" * 32_767) == "字" * 32_767
