"""Shared by the 公开指南 tests: the office's settings filled in, and a .docx read back as text."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from app.bootstrap import Database
from app.context import Actor
from app.settings import set_setting

OFFICE = {
    "org.address": "锦屏县三江镇政府路1号",
    "org.postcode": "556700",
    "org.phone": "0855-7222001",
    "guide.office": "锦屏县人民政府信息中心",
    "guide.office_hours": "工作日上午9:00—12:00，下午14:30—17:30",
    "guide.fax": "0855-7222002",
    "guide.email": "xxgk@example.cn",
    "guide.portal_url": "http://www.jinping.gov.cn",
    "guide.request_platform": "依申请公开平台",
    "guide.complaint_body": "黔东南州人民政府办公室",
    "remedy.reconsideration_body": "锦屏县人民政府",
    "remedy.court": "锦屏县人民法院",
}


def fill_office(db: Database, **changes: object) -> None:
    values: dict[str, object] = {**OFFICE, **changes}
    with db.session_factory.begin() as s:
        for key, value in values.items():
            set_setting(s, Actor.system(), key, value)


def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the body in document order, including those inside table cells."""
    doc = Document(str(path))
    lines = []
    for p in doc.element.body.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return lines


def east_asia_font(path: Path, text: str) -> str:
    doc = Document(str(path))
    for p in doc.paragraphs:
        if p.text == text:
            fonts = p.runs[0]._r.rPr.find(qn("w:rFonts"))
            return str(fonts.get(qn("w:eastAsia")))
    raise AssertionError(f"no paragraph {text!r}")
