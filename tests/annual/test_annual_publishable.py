"""The annual report comes out publishable: no empty text parts, 草稿 for a year not ended,
Part 3 on one page, the Excel sheets laid out as the national template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from app.annual.layout import PART3_COLUMN_LABELS, PART3_CORNER_NOTE
from app.annual.report_export import prepare
from app.annual.service import lock_year, save_texts
from app.bootstrap import Database
from app.cases.outcomes import Outcome
from app.cli import main as run_cli
from app.context import Actor
from app.errors import ValidationError
from tests.factories import case
from tests.seen_hashes import seen_annual


def _texts(db: Database, year: int, part1: str = "本年度，本机关认真贯彻条例。", part5: str = "一是培训不足。") -> None:
    with db.session_factory.begin() as s:
        s.add(case(date(year, 2, 1), date(year, 2, 20), Outcome.DISCLOSED))
        save_texts(s, Actor.system(), year, part1, part5, "", expected_version=0)


def test_export_with_an_empty_text_part_is_refused_naming_it(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _texts(db, 2024, part5="  ")
    db.dispose()
    out = tmp_path / "年报.docx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "“五、存在的主要问题及改进情况”尚未填写，不能导出" in err and "一、总体情况" not in err
    assert not out.exists()


def test_locking_with_an_empty_text_part_is_refused(db: Database) -> None:
    _texts(db, 2024, part1="")
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="“一、总体情况”尚未填写，不能锁定"):
        lock_year(s, Actor.system(), 2024, today=date(2025, 1, 10), seen_hash=seen_annual(s, 2024))


def test_a_year_not_ended_is_a_draft_unless_confirmed(db: Database, tmp_path: Path) -> None:
    _texts(db, 2026)
    with db.session_factory() as s:
        draft = prepare(s, 2026, tmp_path / "a.docx", today=date(2026, 12, 3))
        final = prepare(s, 2026, tmp_path / "a.docx", final=True, today=date(2026, 12, 3))
        ended = prepare(s, 2026, tmp_path / "a.docx", today=date(2027, 1, 5))
    assert draft.draft == "草稿：2026年尚未结束，数据截至2026年12月3日，发布前须更新"
    assert final.draft == "" and ended.draft == ""


def test_cli_marks_the_draft_in_word_and_excel(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year  # the current year has not ended
    _texts(db, year)
    db.dispose()
    docx_out, xlsx_out = tmp_path / "年报.docx", tmp_path / "年报.xlsx"
    assert run_cli(["export", "annual-report", "--year", str(year), "-o", str(docx_out)]) == 0
    assert "已标为“草稿”" in capsys.readouterr().out
    doc = Document(str(docx_out))
    assert doc.paragraphs[0].text.endswith("年度报告（草稿）")
    header = doc.sections[0].header.paragraphs[0]
    assert header.text.startswith(f"草稿：{year}年尚未结束")
    assert header.runs[0]._r.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "FF0000"
    assert run_cli(["export", "annual-report", "--year", str(year), "-o", str(xlsx_out)]) == 0
    wb = load_workbook(xlsx_out)
    assert all(str(ws["A1"].value).endswith("（草稿）") for ws in wb.worksheets)
    capsys.readouterr()
    assert run_cli(["export", "annual-report", "--year", str(year), "--final", "-o", str(docx_out)]) == 0
    assert "草稿" not in capsys.readouterr().out
    assert not Document(str(docx_out)).paragraphs[0].text.endswith("（草稿）")


def test_part3_starts_a_page_so_its_merged_labels_never_split(db: Database, tmp_path: Path) -> None:
    _texts(db, 2024)
    db.dispose()
    out = tmp_path / "年报.docx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(out)]) == 0
    doc = Document(str(out))
    heading = next(p for p in doc.paragraphs if p.text == "三、收到和处理政府信息公开申请情况")
    assert heading.paragraph_format.page_break_before and heading.paragraph_format.keep_with_next
    table = doc.tables[1]
    # It fits the page it starts: 31 rows of 9 pt text, at most two lines each (≈ 12 pt a line
    # plus cell margins) stay under the 225 mm (638 pt) type area with the heading above.
    assert len(table.rows) <= 32
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows[:3])


def test_excel_part2_and_part3_follow_the_template(db: Database, tmp_path: Path) -> None:
    _texts(db, 2024)
    db.dispose()
    out = tmp_path / "年报.xlsx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(out)]) == 0
    wb = load_workbook(out)
    p2 = wb["二、主动公开"]
    values = [[p2.cell(r, c).value for c in range(1, 5)] for r in range(2, 16)]
    assert values[0][0] == "第二十条第（一）项"
    assert values[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert values[4][0] == "第二十条第（五）项" and values[5][:2] == ["信息内容", "本年处理决定数量"]
    assert values[8][:2] == ["信息内容", "本年处理决定数量"]
    assert values[12][:2] == ["信息内容", "本年收费金额（单位：万元）"]
    assert [v[0] for v in values[2:4]] == ["规章", "行政规范性文件"]
    labels = [values[6][0], values[9][0], values[10][0], values[13][0]]
    assert labels == ["行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    header_texts = {str(p2.cell(r, c).value) for r in range(2, 16) for c in range(1, 5)}
    assert not any("或" in t for t in header_texts)  # no column of our own making
    assert "B7:D7" in {str(m) for m in p2.merged_cells.ranges}  # one number column spanning the three
    p3 = wb["三、依申请公开"]
    assert p3["A2"].value == PART3_CORNER_NOTE and "A2:A4" in {str(m) for m in p3.merged_cells.ranges}
    assert p3["B2"].value == "申请人情况" and p3["B3"].value == "自然人" and p3["H3"].value == "总计"
    assert p3["C3"].value == "法人或其他组织" and "C3:G3" in {str(m) for m in p3.merged_cells.ranges}
    assert [p3.cell(4, c).value for c in range(3, 8)] == list(PART3_COLUMN_LABELS[1:6])
    assert p3["B5"].value == 1 and p3["H5"].value == 1  # 一、本年新收: one natural person
    assert p3["A5"].font.name == "宋体"
