"""Hostile and broken input: parsers and form services never crash and never half-write.

Property tests (hypothesis) feed huge, empty, control-character, right-to-left and combining
text into every parser and into case registration; the only exceptions allowed are the
app.errors.UserError family, whose message is Chinese. Malformed workbooks give a Chinese
message; attachment names stay inside the folder; exported cells never become formulas.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.attachments import sanitise_filename
from app.bootstrap import Database
from app.cases.intake import register_case
from app.cases.models import RequestCase
from app.cases.register_export import export_register
from app.cases.register_import import check_register, import_register
from app.cases.register_rows import HEADERS, date_text, parse_date
from app.cases.validation import (
    id_card_check_digit,
    id_card_problem,
    is_valid_email,
    is_valid_postcode,
    normalize_code,
    phone_problem,
    uscc_problem,
)
from app.context import Actor
from app.errors import UserError
from app.numbering import format_doc_no
from app.workdays.parse import parse_dates
from tests.reliability.rel_worker import TODAY, a_form

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Text that breaks naive code: controls, bidi overrides, combining marks, zero-width, surrogates
# of the astral plane, full-width digits, NUL.
NASTY_CHARS = st.sampled_from(
    ["\x00", "\x01", "\x1b", "\x7f", "\u202e", "\u202d", "\u200f", "\u0301", "\u0336", "\u200b", "\ufeff",
     "\U0001f600", "\u3000", "１２", "〔", "〕", "\r\n", "\t", "=", "+", "-", "@", "'", '"', "\\", "%", "_"]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(NASTY_CHARS, st.text(max_size=5)), max_size=40).map("".join),
    st.integers(min_value=0, max_value=20_000).map(lambda n: "申" * n),
)
FAST = settings(max_examples=300, deadline=None)
DB_BOUND = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _is_chinese_user_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError) and bool(CHINESE.search(str(exc)))


# --- parsers --------------------------------------------------------------------------------
@FAST
@given(st.one_of(HOSTILE_TEXT, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                 st.datetimes(), st.dates()))
def test_register_date_cells_parse_or_refuse_in_chinese(value: object) -> None:
    try:
        result = parse_date(value)
    except UserError as exc:
        assert _is_chinese_user_error(exc)
        return
    assert result is None or isinstance(result, date)


@FAST
@given(st.dates(min_value=date(1954, 1, 1), max_value=date(2119, 12, 31)), st.sampled_from([0, 1, 2]),
       st.sampled_from(["", " ", "\u3000"]))
def test_every_date_form_the_register_writes_reads_back(day: date, form: int, pad: str) -> None:
    assert parse_date(pad + date_text(day, form) + pad) == day
    assert parse_date(datetime(day.year, day.month, day.day)) == day
    full_width = date_text(day, 0).translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    assert parse_date(full_width) == day


@FAST
@given(HOSTILE_TEXT)
def test_identity_phone_and_address_checks_never_raise(text: str) -> None:
    for check in (id_card_problem, uscc_problem, phone_problem):
        answer = check(text)
        assert answer is None or CHINESE.search(answer)
    assert isinstance(is_valid_email(text), bool) and isinstance(is_valid_postcode(text), bool)
    assert normalize_code(text) == normalize_code(normalize_code(text))


@FAST
@given(st.text(alphabet="0123456789", min_size=6, max_size=6),
       st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.text(alphabet="0123456789", min_size=3, max_size=3),
       st.sampled_from(["", " ", "\t"]), st.booleans())
def test_a_valid_id_card_is_accepted_however_it_is_typed(region: str, born: date, seq: str, space: str,
                                                         lower: bool) -> None:
    first17 = f"{region}{born:%Y%m%d}{seq}"
    number = first17 + id_card_check_digit(first17)
    typed = space.join([number[:6], number[6:14], number[14:]])
    assert id_card_problem(typed.lower() if lower else typed, TODAY) is None
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert id_card_problem(wrong, TODAY) is not None


@FAST
@given(HOSTILE_TEXT, HOSTILE_TEXT, st.integers(min_value=-10**6, max_value=10**6),
       st.integers(min_value=-10**6, max_value=10**6))
def test_document_number_patterns_format_or_refuse(pattern: str, short: str, year: int, n: int) -> None:
    assume("{n:" not in pattern and "{year:" not in pattern)  # width specs are a separate, bounded case
    try:
        text = format_doc_no(pattern, short, year, n)
    except UserError as exc:
        assert _is_chinese_user_error(exc)
        return
    assert isinstance(text, str)


def test_document_number_layout() -> None:
    assert format_doc_no("{short}依复〔{year}〕{n}号", "锦府办", 2024, 3) == "锦府办依复〔2024〕3号"
    for bad in ("{short}〔{year}〕号", "{short}{n}号", "{year}{n}{0}", "{year}{n}{x}", "{year}{n}{", "{year}{n:q}"):
        with pytest.raises(UserError, match="文号格式"):
            format_doc_no(bad, "锦府办", 2024, 3)


@FAST
@given(HOSTILE_TEXT, st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_holiday_date_lists_parse_or_refuse_in_chinese(text: str, year: int | None) -> None:
    try:
        days = parse_dates(text, year)
    except UserError as exc:
        assert _is_chinese_user_error(exc)
        return
    assert all(isinstance(d, date) for d in days)


# --- the registration form -----------------------------------------------------------------------
FORM_FIELDS = ("applicant_name", "id_number", "phone", "email", "address", "postcode", "content",
               "info_reference", "agent_name", "remarks")


@DB_BOUND
@given(st.dictionaries(st.sampled_from(FORM_FIELDS), HOSTILE_TEXT, min_size=1, max_size=4))
def test_registration_with_hostile_text_saves_whole_or_refuses_cleanly(db: Database, changes: dict[str, str]) -> None:
    with db.session_factory() as s:
        before = s.scalar(select(func.count()).select_from(RequestCase)) or 0
    form = a_form(1, **changes)
    try:
        with db.session_factory.begin() as s:
            case_no = register_case(s, Actor.system(), form, TODAY).case_no
    except UserError as exc:
        assert _is_chinese_user_error(exc)
        with db.session_factory() as s:
            assert s.scalar(select(func.count()).select_from(RequestCase)) == before
        return
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == before + 1
        saved = s.scalar(select(RequestCase).where(RequestCase.case_no == case_no))
        assert saved is not None and saved.content.strip() == saved.content


# --- broken workbooks ----------------------------------------------------------------------------
def _register_workbook(path: Path, rows: list[list[object]], *, sheet_title: str = "登记台账",
                       merge: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet_title
    ws.append(list(HEADERS))
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _row(case_no: str, **cells: object) -> list[object]:
    values: dict[str, object] = {
        "受理编号": case_no, "申请人类型": "自然人", "申请人": "王小明", "申请方式": "当面",
        "收到申请日期": "2024-03-04", "申请内容": "申请公开某项目环评批复", "联系电话": "13812345678",
    }
    values.update(cells)
    return [values.get(h) for h in HEADERS]


def _assert_refused_in_chinese(db: Database, path: Path) -> str:
    with db.session_factory() as s:
        before = s.scalar(select(func.count()).select_from(RequestCase))
    with pytest.raises(UserError) as err, db.session_factory.begin() as s:
        import_register(s, Actor.system(), path, TODAY)
    assert _is_chinese_user_error(err.value)
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == before
    return str(err.value)


def test_truncated_workbook_is_refused(db: Database, tmp_path: Path) -> None:
    good = _register_workbook(tmp_path / "good.xlsx", [_row("A-1")])
    data = good.read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        broken = tmp_path / f"cut{cut}.xlsx"
        broken.write_bytes(data[:cut])
        assert "损坏" in _assert_refused_in_chinese(db, broken)


def test_a_word_document_renamed_to_xlsx_is_refused(db: Database, tmp_path: Path) -> None:
    from docx import Document

    doc = tmp_path / "申请.docx"
    Document().save(str(doc))
    renamed = tmp_path / "申请.xlsx"
    renamed.write_bytes(doc.read_bytes())
    _assert_refused_in_chinese(db, renamed)
    empty_zip = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    _assert_refused_in_chinese(db, empty_zip)


def test_a_workbook_without_the_register_sheet_names_the_missing_columns(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "统计"
    ws.append(["受理编号", "申请人", "备注"])
    ws.append(["A-1", "王小明", ""])
    path = tmp_path / "wrong.xlsx"
    wb.save(path)
    message = _assert_refused_in_chinese(db, path)
    assert "缺少必需的列" in message and "收到申请日期" in message


def test_formulas_and_merged_cells_are_reported_per_row_not_crashed(db: Database, tmp_path: Path) -> None:
    rows = [_row("A-1", 申请人="=HYPERLINK(\"http://x\",\"点我\")"), _row("A-2", 收到申请日期="=TODAY()"),
            _row("A-3"), _row("A-4")]
    path = _register_workbook(tmp_path / "formulas.xlsx", rows, merge="C4:C5")
    with db.session_factory() as s:
        report = check_register(s, path, TODAY)
    assert report.rows_total == 4
    assert report.errors, "a formula date (never computed by Excel) and a merged-away name must be reported"
    assert all(CHINESE.search(line) for line in report.lines())
    with db.session_factory.begin() as s:
        refused = import_register(s, Actor.system(), path, TODAY)
    assert refused.imported == 0
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == 0


@pytest.mark.sqlite_only  # reading the file is the cost; the database sees no write either way
def test_a_hundred_thousand_row_workbook_is_checked_without_writing(db: Database, tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("登记台账")
    ws.append(list(HEADERS))
    width = max(HEADERS.index("受理编号"), HEADERS.index("申请人")) + 1
    for n in range(100_000):
        row: list[object] = [None] * width  # short rows keep the file small; the reader pads them
        row[HEADERS.index("受理编号")] = f"B-{n}"
        row[HEADERS.index("申请人")] = "某"
        ws.append(row)
    path = tmp_path / "big.xlsx"
    wb.save(path)
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
    assert report.rows_total == 100_000 and report.imported == 0 and report.bad_rows == 100_000
    assert "100000 行" in report.summary()
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == 0


# --- file names and exported cells -----------------------------------------------------------------
@FAST
@given(HOSTILE_TEXT)
def test_attachment_names_stay_inside_the_folder_and_are_windows_safe(name: str) -> None:
    safe = sanitise_filename(name)
    assert safe and "/" not in safe and "\\" not in safe and safe not in (".", "..")
    assert not re.search(r'[<>:"|?*\x00-\x1f]', safe)
    assert safe == safe.strip(". ") and len(safe) <= 120
    assert safe.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                                       *(f"LPT{i}" for i in range(1, 10))}
    folder = Path("/srv/附件")
    assert (folder / safe).resolve().parent == folder.resolve()


@pytest.mark.parametrize(("name", "expected"), [
    ("../../x", "x"), ("..\\..\\boot.ini", "boot.ini"), ("CON.txt", "_CON.txt"), ("nul", "_nul"),
    ("a/b\\c.pdf", "c.pdf"), ("报告?.docx", "报告_.docx"), ("  .hidden. ", "hidden"), ("", "附件"),
])
def test_known_dangerous_attachment_names(name: str, expected: str) -> None:
    assert sanitise_filename(name) == expected


def test_no_cell_text_becomes_a_formula_in_the_exported_register(db: Database, tmp_path: Path) -> None:
    risky = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://evil\",\"x\")", "#N/A"]
    with db.session_factory.begin() as s:
        for i, text in enumerate(risky):
            register_case(s, Actor.system(), a_form(i, applicant_name=text, content=text + " 申请内容",
                                                    remarks=text), TODAY)
    out = tmp_path / "台账.xlsx"
    with db.session_factory.begin() as s:
        export_register(s, Actor.system(), out, year=2024)
    sheet = load_workbook(out).worksheets[0]
    seen = set()
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} became a formula: {cell.value!r}"
            if isinstance(cell.value, str):
                seen.add(cell.value)
    assert set(risky) <= seen
