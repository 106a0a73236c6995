"""Exporting the annual report of a year that has not ended asks whether it is the final text;
either answer is what the written files say (草稿 with its data date, or no 草稿 at all)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.annual.service import report_state, save_texts
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.context import Actor
from tests.ui_annual.annual_helpers import wait
from tests.ui_annual.annual_tab_fixtures import open_tabs
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui
IN_2024 = date(2024, 11, 20)  # 2024 has not ended yet
DRAFT_NOTE = "草稿：2024年尚未结束，数据截至2024年11月20日，发布前须更新"


@pytest.fixture
def open_in_2024(qtbot: QtBot) -> Iterator[Callable[[AppContext], AnnualTab]]:
    yield from open_tabs(qtbot, IN_2024, (1300, 820), lambda tab: (
        tab.report.task, tab.statistics.task, tab.report.export.task, tab.statistics.export_task, tab.website.task))


@pytest.mark.parametrize("final", [True, False], ids=["确定-正式稿", "取消-草稿"])
def test_an_unfinished_year_asks_and_the_files_say_the_answer(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase],
        open_in_2024: Callable[[AppContext], AnnualTab], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        final: bool) -> None:
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, title: str, text: str) -> bool:
        asked.append((title, text))
        return final

    monkeypatch.setattr(prompts, "ask", ask)
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2024, "本年度，本机关认真贯彻条例。", "一是培训不足。", "",
                   expected_version=report_state(s, 2024).version)
    tab = open_in_2024(ctx)
    page = tab.report
    page.year.setValue(2024)
    wait(qtbot, page)
    assert page.current_year == 2024

    assert page.export.export_word(tmp_path / "年报.docx") is not None
    wait(qtbot, page.export)
    assert len(asked) == 1 and asked[0][0] == "作为正式稿导出？" and "2024 年尚未结束" in asked[0][1]
    doc = Document(str(tmp_path / "年报.docx"))
    title = "锦屏县人民政府办公室2024年政府信息公开工作年度报告"
    header = doc.sections[0].header.paragraphs[0].text
    if final:
        assert doc.paragraphs[0].text == title and "草稿" not in header and doc.core_properties.title != "草稿"
    else:
        assert doc.paragraphs[0].text == title + "（草稿）"
        assert header == DRAFT_NOTE and doc.core_properties.title == "草稿"

    assert page.export.export_excel(tmp_path / "年报.xlsx") is not None
    wait(qtbot, page.export)
    assert len(asked) == 2  # asked again for each export: the answer is not remembered silently
    wb = load_workbook(tmp_path / "年报.xlsx")
    titles = [str(ws["A1"].value) for ws in wb.worksheets if ws["A1"].value]
    assert titles and all(t.endswith("（草稿）") is not final for t in titles), titles
