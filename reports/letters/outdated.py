"""Receipt templates written by older versions promise a reply “自收到申请之日起20个工作日内
（{{答复期限}}前）”. Since the 答复期限 states the real date with the days left out (issue 11), that
sentence prints “20个工作日内（2026年3月16日（已扣除征求意见4个工作日）前）” — wrong on a paused
or extended case. This finds the sentence in an office's 受理回执.docx and rewrites only it, keeping
the office's other edits; the old file is kept beside it as a backup.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from reports.atomic import atomic_write
from reports.letters.defaults import saver
from reports.letters.kinds import get_spec

__all__ = ["OLD_PROMISE", "outdated_receipt_lines", "update_receipt_template"]

_BRACE_OPEN, _BRACE_CLOSE = r"(?:\{\{|｛｛)", r"(?:\}\}|｝｝)"
OLD_PROMISE = re.compile(
    r"(?:本机关将)?自收到申请之日起\s*20\s*个工作日内\s*[（(]\s*" + _BRACE_OPEN + r"\s*答复期限\s*" + _BRACE_CLOSE
    + r"\s*前\s*[）)]\s*予以答复")
_NEW_PROMISE = "本件答复期限为{{答复期限}}，本机关将在此期限内予以答复"
_OLD_REST, _NEW_REST = "不计算在上述期限内", "不计算在答复期限内"


def _paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def outdated_receipt_lines(folder: Path) -> list[str]:
    """The old-promise paragraphs of the office's receipt template (empty: none, or no own template)."""
    path = folder / get_spec("receipt").file_name
    if not path.is_file():
        return []
    try:
        doc = Document(str(path))
    except Exception:  # a broken file is reported by the template check when it is used
        return []
    return [p.text for p in _paragraphs(doc) if OLD_PROMISE.search(p.text)]


def _rewrite(paragraph: Paragraph) -> None:
    """Change the sentence in the run that holds it when one does (keeping every run's format);
    otherwise the paragraph's text goes into its first run (its format is the paragraph's)."""
    for run in paragraph.runs:
        if OLD_PROMISE.search(run.text):
            run.text = OLD_PROMISE.sub(_NEW_PROMISE, run.text).replace(_OLD_REST, _NEW_REST)
            for other in paragraph.runs:
                if _OLD_REST in other.text:
                    other.text = other.text.replace(_OLD_REST, _NEW_REST)
            return
    text = OLD_PROMISE.sub(_NEW_PROMISE, paragraph.text).replace(_OLD_REST, _NEW_REST)
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def update_receipt_template(folder: Path, now: datetime) -> Path:
    """Rewrite the old promise in the office's 受理回执.docx; returns the backup of the old file."""
    path = folder / get_spec("receipt").file_name
    doc = Document(str(path))
    changed = [p for p in _paragraphs(doc) if OLD_PROMISE.search(p.text)]
    if not changed:
        raise ValueError("the receipt template has no outdated sentence")
    backup = folder / f"受理回执（旧版备份{now:%Y%m%d%H%M%S}）.docx"
    shutil.copy2(path, backup)
    for paragraph in changed:
        _rewrite(paragraph)
    atomic_write(path, saver(doc))
    return backup
