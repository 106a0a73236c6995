"""The report's Word and Excel files, opened and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from app.annual.layout import PART3_CORNER_NOTE
from app.annual.service import save_texts
from app.bootstrap import Database
from app.cases.outcomes import Outcome
from app.cli import main as run_cli
from app.context import Actor
from tests.factories import case


def _fill(db: Database, texts: bool = True) -> None:
    with db.session_factory.begin() as s:
        s.add_all([
            case(date(2024, 2, 1), date(2024, 2, 20), Outcome.DISCLOSED),
            case(date(2024, 3, 1), date(2024, 3, 20), Outcome.WITHHELD, 5),
            case(date(2024, 12, 30)),
        ])
        if texts:
            save_texts(s, Actor.system(), 2024, "本年度，本机关认真贯彻条例。", "一是培训不足。", "",
                       expected_version=0)


def test_docx_has_every_part_and_the_part3_table(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _fill(db)
    db.dispose()
    out = tmp_path / "年报.docx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(out)]) == 0
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "锦屏县人民政府办公室2024年政府信息公开工作年度报告"
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in texts
    assert "本年度未收取政府信息公开信息处理费。" in texts
    part3 = doc.tables[1]
    assert part3.cell(0, 0).text == PART3_CORNER_NOTE
    rows = {r.cells[2].text: [c.text for c in r.cells[3:]] for r in part3.rows[3:]}
    assert rows["一、本年新收政府信息公开申请数量"] == ["3", "0", "0", "0", "0", "0", "3"]
    assert rows["6.属于四类过程性信息"][-1] == "1"
    assert rows["四、结转下年度继续办理"][-1] == "1"
    assert len(doc.tables[2].rows[3].cells) == 15


def test_xlsx_rows_have_labels_as_text_and_numbers_last(db: Database, tmp_path: Path) -> None:
    _fill(db)
    db.dispose()
    out = tmp_path / "年报.xlsx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["二、主动公开", "三、依申请公开", "四、复议诉讼"]
    ws = wb["三、依申请公开"]
    labels = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 9)] for r in range(3, ws.max_row + 1)}
    assert labels["（一）予以公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert labels["（七）总计"] == [2, 0, 0, 0, 0, 0, 2]
    assert labels["三、本年度办理结果"] == [None] * 7
    assert ws.cell(5, 1).value == "一、本年新收政府信息公开申请数量" and ws.cell(5, 1).data_type == "s"
    part4 = wb["四、复议诉讼"]
    assert [part4.cell(3, c).value for c in range(2, 17)] == [0] * 15


def test_bad_extension_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".docx" in capsys.readouterr().err


def test_word_and_excel_reports_carry_the_audit_code_that_verify_accepts(db: Database, tmp_path: Path) -> None:
    """Issue 13: the annual report is a paper anchor of the audit trail like registers and letters."""
    from sqlalchemy import select

    from app.audit.models import AuditHead
    from app.audit.seal import full_report
    from app.auto_backup import run_daily_backup

    _fill(db)
    run_daily_backup(db)  # the day's first command would otherwise add its backup entry before exporting
    with db.reader() as s:
        head = s.scalars(select(AuditHead)).one()
        code = f"{head.last_seq}-{head.last_hash[:12]}"
    docx_out, xlsx_out = tmp_path / "年报.docx", tmp_path / "年报.xlsx"
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(docx_out)]) == 0
    doc = Document(str(docx_out))
    footers = {p.text for section in doc.sections for p in section.footer.paragraphs}
    assert f"审计校验码 {code}" in footers
    # The Word export's own audit entry came after: the printed code is the head the file was made from.
    with db.reader() as s:
        after_word = s.scalars(select(AuditHead)).one()
    assert run_cli(["export", "annual-report", "--year", "2024", "-o", str(xlsx_out)]) == 0
    wb = load_workbook(xlsx_out)
    xlsx_code = f"{after_word.last_seq}-{after_word.last_hash[:12]}"
    assert {ws.oddFooter.left.text for ws in wb.worksheets} == {f"审计校验码 {xlsx_code}"}
    # Typed back from the paper, as printed (label included) or the bare code.
    with db.reader() as s:
        report = full_report(s, db.engine, db.data_dir, codes=[f"审计校验码 {code}", xlsx_code])
    assert report.ok
    assert sum("一致" in line and "纸面校验码" in line for line in report.lines()) == 2
    assert run_cli(["audit", "verify", "--code", f"审计校验码 {code}"]) == 0
