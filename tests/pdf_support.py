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
    """`docx` converted to a PDF beside it."""
    return to_pdfs([docx])[0]


def to_pdfs(files: list[Path]) -> list[Path]:
    """Each file converted to a PDF beside it in one LibreOffice run, with a private profile
    (tests run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="pdf-profile-") as profile:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(files[0].parent), *map(str, files)], check=True, capture_output=True,
                       timeout=600)
    pdfs = [f.with_suffix(".pdf") for f in files]
    for pdf in pdfs:
        assert pdf.exists(), f"LibreOffice wrote no PDF for {pdf.stem}"
    return pdfs


def lowest_text_pt(pdf: Path, page_index: int) -> float:
    """Height above the paper's bottom edge (pt) of the lowest printed character on a page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[page_index]
        text = page.get_textpage()
        boxes = [text.get_charbox(i)[1] for i in range(text.count_chars())
                 if not text.get_text_range(i, 1).isspace()]
        text.close()
        page.close()
        return min(boxes)
    finally:
        doc.close()


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
