"""govinfo-desk import-register / export register requests / export letter, through app.cli.main."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.bootstrap import open_database
from app.cases.models import RequestCase
from app.cli import build_parser, main
from app.context import Actor
from app.settings.registry import set_setting

HEADERS = ["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "答复日期", "办理结果"]


def register_file(path: Path, *rows: Sequence[object]) -> Path:
    wb = Workbook()
    wb.active.append(HEADERS)
    for row in rows:
        wb.active.append(row)
    for cells in wb.active.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed as text in Excel, not a formula
    wb.save(path)
    return path


GOOD = ["锦府办依申〔2024〕1号", "自然人", "张三", "互联网", "2024-03-05", "=SUM(A1)", "2024-03-20", "予以公开"]
OPEN = ["锦府办依申〔2024〕2号", "商业企业", "某公司", "当面", "2024/3/6", "请公开规划", None, None]
BAD = ["锦府办依申〔2024〕3号", "自然人", "李四", "互联网", "2024-03-07", "内容", "2024-03-01", "予以公开"]


def db_counts(data_dir: Path) -> tuple[int, int]:
    db = open_database(data_dir)
    try:
        with db.session_factory() as s:
            cases = s.scalar(select(func.count()).select_from(RequestCase)) or 0
            audit = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
            return cases, audit
    finally:
        db.dispose()


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_refused_import_prints_every_problem_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    path = register_file(tmp_path / "r.xlsx", GOOD, OPEN, BAD)
    run(data, "audit", "verify")  # creates the database
    before = db_counts(data)
    assert run(data, "import-register", str(path), "--today", "2025-01-15") == 1
    out = capsys.readouterr().out
    assert "第4行 答复日期：2024-03-01 早于收到申请日期 2024-03-07。" in out
    assert "已导入 0 件" in out
    assert db_counts(data) == before

    assert run(data, "import-register", str(path), "--check", "--today", "2025-01-15") == 1
    assert "检查未通过" in capsys.readouterr().out
    assert db_counts(data) == before

    assert run(data, "import-register", str(path), "--skip-invalid", "--today", "2025-01-15") == 0
    assert "已导入 2 件" in capsys.readouterr().out
    assert db_counts(data) == (before[0] + 2, before[1] + 1)


def test_check_clean_then_import_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    path = register_file(tmp_path / "r.xlsx", GOOD, OPEN)
    assert run(data, "import-register", str(path), "--check") == 0
    assert "检查通过" in capsys.readouterr().out
    assert db_counts(data)[0] == 0
    assert run(data, "import-register", str(path)) == 0
    assert db_counts(data)[0] == 2

    out = tmp_path / "台账2024.xlsx"
    assert run(data, "export", "register", "requests", "--year", "2024", "-o", str(out)) == 0
    assert "2 件" in capsys.readouterr().out
    ws = load_workbook(out)["依申请公开登记台账"]  # the full sheet, beside the print sheet
    assert ws["A1"].value.endswith("（2024年）")
    assert ws.cell(row=3, column=11).value == "=SUM(A1)" and ws.cell(row=3, column=11).data_type == "s"

    # The exported file imports into another office's fresh database.
    other = tmp_path / "other"
    assert run(other, "import-register", str(out), "--today", "2025-01-15") == 0
    assert db_counts(other)[0] == 2


def test_unreadable_file_and_empty_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(data, "import-register", str(tmp_path / "missing.xlsx")) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert run(data, "import-register", str(register_file(tmp_path / "empty.xlsx"))) == 1
    assert "没有数据行" in capsys.readouterr().out


def test_export_subcommands_share_one_export_command() -> None:
    parser = build_parser()
    args = parser.parse_args(["export", "register", "requests", "--year", "2024", "-o", "a.xlsx"])
    assert (args.command, args.what, args.register_kind, args.year) == ("export", "register", "requests", 2024)
    args = parser.parse_args(["export", "letter", "X1", "--kind", "third-party", "-o", "a.docx"])
    assert (args.what, args.case_no, args.kind) == ("letter", "X1", "third-party")
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "letter", "X1", "--kind", "nonsense", "-o", "a.docx"])


def test_export_letter_writes_the_stored_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("app.cases.letters")
    if not hasattr(pytest.importorskip("reports.letters"), "render_letter"):
        pytest.skip("reports.letters is not written yet")
    data = tmp_path / "data"
    assert run(data, "import-register", str(register_file(tmp_path / "r.xlsx", OPEN))) == 0
    db = open_database(data)
    with db.session_factory.begin() as s:
        for key, value in (("org.address", "锦屏县三江镇"), ("org.phone", "0855-7222222"), ("org.postcode", "556700")):
            set_setting(s, Actor.system(), key, value)
    db.dispose()
    out = tmp_path / "回执.docx"
    assert run(data, "export", "letter", "锦府办依申〔2024〕2号", "--kind", "receipt", "-o", str(out)) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert run(data, "export", "letter", "没有这个编号", "--kind", "receipt", "-o", str(out)) == 2
    assert "找不到受理编号" in capsys.readouterr().err
