"""`check` on a .docx whose XML carries a DTD with entities refuses it (issue 13) instead of
checking the part of the text the XML reader kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from app.cli import main as run_cli
from app.errors import UserError
from app.review.checks.docx_text import read_text


def _docx(path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def _with_dtd(src: Path, out: Path) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w") as b:
        for item in a.infolist():
            data = a.read(item)
            if item.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b'?><!DOCTYPE w:document [<!ENTITY id "110101199003077777">]>' + rest
                data = data.replace("身份证号".encode(), "身份证号&id;".encode())
            b.writestr(item, data)
    return out


def test_a_docx_with_a_dtd_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = _docx(tmp_path / "plain.docx", "申请人身份证号")
    assert "申请人身份证号" in read_text(plain)
    crafted = _with_dtd(plain, tmp_path / "crafted.docx")
    with pytest.raises(UserError, match="文档类型定义"):
        read_text(crafted)
    assert run_cli(["check", str(crafted)]) == 2
    assert "文档类型定义" in capsys.readouterr().err
