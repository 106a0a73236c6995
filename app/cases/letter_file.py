"""The seam where the screen and the command line get a letter: one use case each way in.

`issue_letter` generates letter `kind` into the case file (a change: the 文号 is drawn and the
document stored, both audited by app.cases.letters) and hands it back as plain data; the case
screens open it in Word/WPS. `save_letter` is `govinfo-desk export letter`: the same
`issue_letter` in one unit of work, the copy written by temp name and rename with no session
open, then the copy audited as an export. How a letter is rendered stays in app.cases.letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.cases.archive import document_content
from app.cases.letters import generate_letter
from app.context import Actor
from app.errors import ValidationError
from app.export_unit import record_export

if TYPE_CHECKING:
    from app.bootstrap import Database


@dataclass(frozen=True)
class IssuedLetter:
    case_id: int
    document_id: int
    filename: str
    content: bytes


def issue_letter(session: Session, actor: Actor, case_id: int, kind: str, template_folder: Path, *,
                 consultation_id: int | None = None, letter_date: date | None = None) -> IssuedLetter:
    """Generate letter `kind` into the case file; refused as `generate_letter` refuses."""
    doc = generate_letter(session, actor, case_id, kind, template_folder, consultation_id=consultation_id,
                          letter_date=letter_date)
    session.flush()
    return IssuedLetter(case_id, doc.id, doc.filename, document_content(session, doc.id))


def save_letter(db: Database, actor: Actor, case_id: int, kind: str, template_folder: Path,
                output: Path) -> IssuedLetter:
    """Issue the letter and save a copy at `output` (.docx); the copy's export is audited on the case."""
    if output.suffix.lower() != ".docx":
        raise ValidationError(f"文件名“{output.name}”应以 .docx 结尾。", field="path")
    with db.session_factory.begin() as session:
        letter = issue_letter(session, actor, case_id, kind, template_folder)
    def write(tmp: Path) -> None:
        tmp.write_bytes(letter.content)

    written = atomic_write(output, write)
    with db.session_factory.begin() as session:
        record_export(session, actor, "request_case", case_id, after={"文件": str(written), "文书": letter.filename},
                      summary=f"导出文书“{letter.filename}”（{written.name}）")
    return letter
