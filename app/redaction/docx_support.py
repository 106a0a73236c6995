"""Suggestions and "mark every occurrence" for .docx paragraphs, and the PDF form of a redacted .docx.

The PDF is made by LibreOffice (when installed) from the already redacted .docx, so it can only
contain what the redacted copy contains; it is then checked like every other released PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from app.errors import ValidationError
from app.redaction.docx_redact import DocxParagraph
from app.redaction.engine import verify_pdf
from app.redaction.grounds import Ground
from app.redaction.model import DocxMark
from app.redaction.suggest import DEFAULT_GROUNDS, find_spans
from app.review.checks import WordLists

CONVERT_TIMEOUT_S = 180


def docx_suggestions(paragraphs: list[DocxParagraph], lists: WordLists | None = None) -> list[DocxMark]:
    marks = []
    for p in paragraphs:
        for start, end, kind in find_spans(p.text, lists):
            marks.append(DocxMark(p.index, start, end, DEFAULT_GROUNDS[kind], p.text[start:end], "suggestion", kind))
    return marks


def docx_occurrences(paragraphs: list[DocxParagraph], needle: str, ground: Ground) -> list[DocxMark]:
    wanted = needle.strip()
    if not wanted:
        return []
    return [
        DocxMark(p.index, m.start(), m.end(), ground, wanted, "text", "occurrence")
        for p in paragraphs
        for m in re.finditer(re.escape(wanted), p.text)
    ]


def office_program() -> str | None:
    """LibreOffice's command, from GOVINFO_SOFFICE or the PATH (and its usual Windows folder)."""
    configured = os.environ.get("GOVINFO_SOFFICE")
    if configured:
        return configured
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    windows = Path("C:/Program Files/LibreOffice/program/soffice.exe")
    return str(windows) if windows.exists() else None


def docx_to_pdf(redacted_docx: bytes, hidden: list[str], kept_text: str) -> bytes:
    """The PDF of an already redacted .docx, checked for the hidden texts."""
    program = office_program()
    if program is None:
        raise ValidationError(
            "本机未安装 LibreOffice，无法把 Word 公开件转为 PDF。请只生成 Word 公开件，"
            "或安装 LibreOffice 后重试。"
        )
    with tempfile.TemporaryDirectory(prefix="govinfo-redact-") as folder:
        src = Path(folder) / "公开件.docx"
        src.write_bytes(redacted_docx)
        profile = Path(folder, "profile").as_uri()  # a private profile: no clash with an open LibreOffice
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", folder, str(src)],
                check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
            )
        except (OSError, subprocess.SubprocessError) as err:
            raise ValidationError(f"LibreOffice 转换 PDF 失败：{err}") from None
        out = src.with_suffix(".pdf")
        if not out.exists():
            raise ValidationError("LibreOffice 未能生成 PDF，请在 Word/WPS 中打开 Word 公开件另存为 PDF。")
        data = out.read_bytes()
    verify_pdf(data, hidden, list(kept_text))
    return data
