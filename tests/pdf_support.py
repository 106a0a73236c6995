"""Word documents as printed: converted to PDF by LibreOffice, read back page by page (pypdfium2).

LibreOffice is what tools/render_docs.py renders with; where it is not installed the tests that
need it are skipped with that reason (they are never counted as passed)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer fonts-noto-cjk")
    return found


def to_pdf(docx: Path) -> Path:
    """`docx` converted to a PDF beside it, with a private LibreOffice profile (tests run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="pdf-profile-") as profile:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx.parent), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {docx.name}"
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in order."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()
