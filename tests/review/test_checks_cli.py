"""read_text for .txt/.docx, and the `check FILE` command with its exit codes 0 / 1 / 2."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import docx
import pytest

from app.errors import UserError
from app.review.checks import read_text
from app.review.checks.cli import add_check_parser, run_check_command

CLEAN = "锦屏县召开2024年防汛工作会议。\n会议要求各乡镇做好值班值守。\n"
DIRTY = "机密★1年\n联系人电话13812345678，详见www.example.com。\n"


def make_docx(path: Path, paragraphs: list[str], cells: list[list[str]] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cells:
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(path))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_files_in_every_office_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "稿件.txt"
    path.write_bytes(DIRTY.replace("\n", "\r\n").encode(encoding))
    assert read_text(path) == DIRTY


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "稿件.docx", ["第一段", "第二段"], [["姓名", "电话"], ["王某", "13812345678"]])
    assert read_text(path) == "第一段\n第二段\n姓名\n电话\n王某\n13812345678"


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并单元格"
    table.cell(0, 2).text = "右"
    document.save(str(tmp_path / "m.docx"))
    assert read_text(tmp_path / "m.docx") == "合并单元格\n右"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "找不到文件"),
        ("broken.docx", b"not a zip file", "已损坏或不是 .docx 格式"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
        ("binary.txt", b"\x00\x01\x02", "不是文本文件"),
    ],
)
def test_unreadable_files_raise_a_user_error(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_text(path)


def test_check_command_on_a_clean_file_returns_0(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    out = io.StringIO()
    assert run_check_command(str(path), out) == 0
    assert out.getvalue() == ""


def test_check_command_prints_one_line_per_finding_and_returns_1(tmp_path: Path) -> None:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY, encoding="utf-8")
    out = io.StringIO()
    assert run_check_command(str(path), out) == 1
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [line[:4] for line in lines] == [
        ["secret", "0", "5", "机密★1年"],
        ["privacy-phone", "11", "22", "138****5678"],  # masked: the full number never reaches a log
        ["link", "25", "40", "www.example.com"],
    ]
    assert all(len(line) == 5 and line[4] for line in lines)


def test_check_command_reads_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "稿件.docx", ["中华人民共合国"], [["身份证号", "11010519491231002X"]])
    out = io.StringIO()
    assert run_check_command(str(path), out) == 1
    assert [line.split("\t")[0] for line in out.getvalue().splitlines()] == ["wording", "privacy-id"]


def test_check_command_on_an_unreadable_file_returns_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert run_check_command(str(tmp_path / "nope.docx"), out) == 2
    assert out.getvalue() == ""
    assert "找不到文件" in capsys.readouterr().err


def test_check_parser_registers_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY, encoding="utf-8")
    parser = argparse.ArgumentParser()
    add_check_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["check", str(path)])
    assert args.handler(args) == 1
    assert capsys.readouterr().out.startswith("secret\t0\t5\t")
