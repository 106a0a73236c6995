"""The website report in Word (official table, GB/T 9704 page) and Excel, read back; the CLI; the audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cli import main as run_cli
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.export_unit import run_export
from app.website.export import export_website_report
from app.website.service import compute, save_typed
from tests.website.website_year import WECHAT, WEIBO, fill_settings, fill_year, typed_values


@pytest.fixture
def year(db: Database, make_user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    author = make_user("editor1", Role.EDITOR)
    assert author.user_id is not None
    ids = fill_year(db, author.user_id)
    fill_settings(db)
    with db.session_factory.begin() as s:
        save_typed(s, author, 2025, typed_values([WECHAT, WEIBO]) | {"visits.total": "123456"}, 0)
    return ids


def _row_texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_word_file_is_the_official_table(db: Database, year: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "网站年报.docx"
    db.dispose()
    assert run_cli(["export", "website-report", "--year", "2025", "-o", str(out)]) == 0
    doc = Document(str(out))
    assert [p.text for p in doc.paragraphs[:3]] == [
        "政府网站工作年度报表", "（2025年度）", "填报单位：锦屏县人民政府办公室"]
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins if m is not None] == [37, 35, 28, 26]
    rows = _row_texts(doc.tables[0])
    assert rows[0] == ["栏目", "指标", "指标", "数值"]
    assert ["基本信息", "网站名称", "网站名称", "锦屏县人民政府门户网站"] in rows
    assert ["信息发布", "信息发布（条）", "总数", "11"] in rows
    assert ["信息发布", "信息发布（条）", "信息公开目录信息更新量", "4"] in rows
    assert ["解读回应", "解读信息发布（条）", "其中：解读材料数量", "1"] in rows
    assert ["安全防护", "发现问题数量（个）", "发现问题数量（个）", "3"] in rows
    assert ["移动新媒体", WECHAT, "信息发布量（条）", "2"] in rows
    assert ["访问", "网站总访问量（次）", "网站总访问量（次）", "123456"] in rows
    assert ["落款", "单位负责人", "单位负责人", "张三"] in rows
    run = doc.tables[0].cell(1, 2).paragraphs[0].runs[0]
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title_run = doc.paragraphs[0].runs[0]
    assert title_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_excel_file_has_numbers_as_numbers_and_the_checks(db: Database, year: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "网站年报.xlsx"
    written, data = run_export(db, lambda s: export_website_report(s, Actor.system(), 2025, out))
    assert written == out and not data.checks_ok  # the unmarked interpretation and the lost column
    wb = load_workbook(out)
    ws = wb["网站年报"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert ["信息发布", "信息发布（条）", "政务动态信息更新量", 5, "记录统计"] in rows
    assert ["访问", None, "网站总访问量（次）", 123456, "填报"] in rows
    assert ["互动交流", "留言办理", "平均办理时间（天）", 3.5, "填报"] in rows
    assert ["基本信息", None, "首页网址", "http://www.jinping.gov.cn", "系统设置"] in rows
    checks = [[c.value for c in r] for r in wb["校验"].iter_rows(min_row=3)]
    assert checks[[r[0] for r in checks].index(
        "政策解读稿件均已注明解读类型")][:2] == ["政策解读稿件均已注明解读类型", "未通过"]
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "website_report",
                                                   AuditEntry.action == "export")).one()
    assert entry.summary == "导出 2025 年网站年报（xlsx）"


def test_export_refusals(db: Database, year: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"扩展名须为 \.docx"):
        run_export(db, lambda s: export_website_report(s, Actor.system(), 2025, tmp_path / "a.pdf"))
    nobody = Actor(user_id=999, username="nobody", display_name="无角色", roles=frozenset())  # e.g. roles revoked
    with pytest.raises(PermissionDenied):
        run_export(db, lambda s: export_website_report(s, nobody, 2025, tmp_path / "a.docx"))
    assert not (tmp_path / "a.docx").exists()
    with db.session_factory() as s:
        assert compute(s, 2025).values["visits.total"] == "123456"
