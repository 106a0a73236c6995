"""`govinfo-desk redact`: one masked line per mark, exit 0 / 1 nothing found / 2 error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.redaction.leak_views import compact, pdf_leaks, pdfium_text
from tests.redaction.pdf_samples import text_pdf, to_bytes

ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "材料.pdf"
    path.write_bytes(to_bytes(text_pdf([[f"申请人：张三，身份证号码{ID}。"], ["讨论稿：拟调整补助标准。"]])))
    return path


def test_auto_prints_one_masked_line_per_mark(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "公开件.pdf"
    assert main(["redact", str(source), "-o", str(out), "--auto"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["1\t个人隐私（第十五条）\t**", "1\t个人隐私（第十五条）\t522************232"]
    assert ID not in "".join(lines)
    assert pdf_leaks(out.read_bytes(), [ID, "张三"]) == []


def test_marks_file_with_rectangle_and_text(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marks = tmp_path / "marks.json"
    # The second page's line is drawn at y = 780 pt from the bottom: 50-66 pt from the top.
    marks.write_text(json.dumps([
        {"page": 2, "rect": [72, 40, 400, 70], "ground": "过程性信息"},
        {"text": "张三", "ground": "个人隐私"},
    ], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "公开件.pdf"
    assert main(["redact", str(source), "-o", str(out), "--marks", str(marks)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1\t个人隐私（第十五条）\t") and lines[1].startswith("2\t过程性信息（第十六条）\t")
    text = compact(pdfium_text(out.read_bytes()))
    assert "补助标准" not in text and "张三" not in text and ID in text  # only what was marked is gone


def test_nothing_found_exits_1_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "通知.pdf"
    clean.write_bytes(to_bytes(text_pdf([["本通知自印发之日起施行。"]])))
    out = tmp_path / "公开件.pdf"
    assert main(["redact", str(clean), "-o", str(out), "--auto"]) == 1
    assert not out.exists()
    assert "未发现需要遮盖的内容" in capsys.readouterr().err


def test_errors_exit_2_with_a_chinese_message(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redact", str(tmp_path / "无此文件.pdf"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "错误：无法读写文件" in capsys.readouterr().err
    bad = tmp_path / "marks.json"
    bad.write_text('[{"page": 9, "rect": [0, 0, 10, 10], "ground": "个人隐私"}]', encoding="utf-8")
    assert main(["redact", str(source), "-o", str(tmp_path / "x.pdf"), "--marks", str(bad)]) == 2
    assert "只有2页" in capsys.readouterr().err
    assert main(["redact", str(source), "-o", str(tmp_path / "x.docx"), "--auto"]) == 2
    assert "只有 Word（.docx）原件" in capsys.readouterr().err
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    assert main(["redact", str(broken), "-o", str(tmp_path / "x.pdf"), "--auto"]) == 2
    assert "不是有效的 PDF" in capsys.readouterr().err
