"""Export the 政府信息公开指南 and the 申请表, record each exported edition, mark one published.

An export is a use case (ARCHITECTURE.md, Export): role check → plain data from the settings →
the reports/ writer (no session held while the file is written) → audit entry in its own unit
of work once the file exists. CLI and GUI call the same functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.context import Actor
from app.errors import UserError, ValidationError
from app.export_unit import after_export, record_export
from app.guide.content import GuideFacts, changed_labels, check_complete, contact, guide_facts, guide_input
from app.guide.models import GuideEdition
from reports.guide.spec import TemplateProblem

RECORD_TYPE = "guide"
# The guide and the form hold no personal data: everyone who works with disclosures may take them out.
EXPORT_ROLES = (Role.DISCLOSURE_STAFF, Role.EDITOR, Role.ADMIN, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE,
                Role.PRINCIPAL_LEADER)
# Rule B 第五条: the information centre compiles and publishes the guide.
PUBLISH_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)


@dataclass
class GuideExport:
    path: Path
    edition_id: int = 0  # set when the edition is recorded, once the file exists (run_export's second step)


@dataclass(frozen=True)
class EditionRow:
    id: int
    exported_on: date
    exported_by: str
    file_name: str
    published_on: date | None
    published_by: str
    disclosure_item_no: str
    changed: tuple[str, ...]  # settings changed since this edition was made; empty: it is current


@dataclass(frozen=True)
class GuideStatus:
    latest: EditionRow | None  # the last edition exported
    published: EditionRow | None  # the last edition marked published

    @property
    def stale(self) -> bool:
        """A published guide no longer matches the settings: the office must publish a new one."""
        return self.published is not None and bool(self.published.changed)


def _docx_path(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise ValidationError(f"文件名“{target.name}”应以 .docx 结尾。", field="path")
    return target


def export_guide(session: Session, actor: Actor, path: str | Path, template_folder: Path | None,
                 *, today: date | None = None) -> GuideExport:
    """Write the guide (with the request form as its annex) and record it as a new edition; run it
    with `app.export_unit.run_export` (the edition and its audit entry are written once the file exists)."""
    actor.require(*EXPORT_ROLES)
    target = _docx_path(path)
    compiled_on = today or date.today()
    facts = guide_facts(session)
    data = guide_input(facts, compiled_on)
    from reports.guide.writer import write_guide  # python-docx loads on first export, not at start-up

    try:
        written = write_guide(data, target, template_folder)
    except TemplateProblem as exc:
        raise UserError(str(exc)) from exc
    result = GuideExport(written)

    def record_edition(s: Session) -> None:
        edition = GuideEdition(exported_on=compiled_on, exported_by=actor.username, file_name=written.name,
                               settings_json=json.dumps(facts.values, ensure_ascii=False),
                               fingerprint=facts.fingerprint)
        s.add(edition)
        s.flush()
        record(s, actor, "export", RECORD_TYPE, edition.id, after={"文件": str(written), "编制日期":
               compiled_on.isoformat()}, summary=f"导出政府信息公开指南（{compiled_on.isoformat()}版）")
        result.edition_id = edition.id

    after_export(session, record_edition)
    return result


def export_request_form(session: Session, actor: Actor, path: str | Path, template_folder: Path | None) -> Path:
    """Write the blank 政府信息公开申请表 with the office's contact details; run it with `run_export`."""
    actor.require(*EXPORT_ROLES)
    target = _docx_path(path)
    facts = guide_facts(session)
    check_complete(facts)
    from reports.guide.writer import write_request_form

    try:
        written = write_request_form(contact(facts), target, template_folder)
    except TemplateProblem as exc:
        raise UserError(str(exc)) from exc
    record_export(session, actor, "request_form", 0, after={"文件": str(written)}, summary="导出政府信息公开申请表")
    return written


def _row(session: Session, edition: GuideEdition, current: GuideFacts) -> EditionRow:
    item_no = ""
    if edition.disclosure_item_id is not None:
        from app.disclosure.models import DisclosureItem

        item = session.get(DisclosureItem, edition.disclosure_item_id)
        item_no = item.item_no if item is not None else ""
    before: dict[str, Any] = json.loads(edition.settings_json)
    changed = () if edition.fingerprint == current.fingerprint else tuple(changed_labels(before, current.values))
    return EditionRow(edition.id, edition.exported_on, edition.exported_by, edition.file_name, edition.published_on,
                      edition.published_by, item_no, changed)


def guide_status(session: Session) -> GuideStatus:
    current = guide_facts(session)
    latest = session.scalars(select(GuideEdition).order_by(GuideEdition.id.desc()).limit(1)).first()
    published = session.scalars(select(GuideEdition).where(GuideEdition.published_on.is_not(None))
                                .order_by(GuideEdition.published_on.desc(), GuideEdition.id.desc()).limit(1)).first()
    return GuideStatus(_row(session, latest, current) if latest else None,
                       _row(session, published, current) if published else None)
