"""Case-list figures: the 依申请公开 tab on 100,000 cases — first rows, filters, searches, sorts, scrolling."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from bench.figure import TODAY, Figure, best, cpu_wall, open_db, rss_mb, run_section


def section_case_list(data: Path) -> dict[str, Any]:
    """The 依申请公开 tab itself (its table, model and view settings), offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    import ui.cases.case_list_model as list_module
    from app.auth.models import User
    from app.auth.service import actor_for
    from app.cases.enums import CaseStatus
    from app.cases.queries import CaseFilter
    from ui.cases.tab import CasesTab
    from ui.context import AppContext

    app = QApplication([])
    db = open_db(data)
    with db.session_factory() as s:
        actor = actor_for(s.scalars(select(User).where(User.username == "admin")).one())
    ctx = AppContext(db, actor)
    today = date.fromisoformat(TODAY)

    def open_tab() -> CasesTab:
        tab = CasesTab(ctx, None, today=lambda: today)
        tab.resize(1280, 800)
        tab.show()
        app.processEvents()  # lays out and paints the first rows
        return tab

    c, w = time.process_time(), time.perf_counter()
    tab = open_tab()
    out: dict[str, Any] = {"first_cold": (time.process_time() - c, time.perf_counter() - w)}
    out["first_warm"] = best(lambda: open_tab().deleteLater())
    app.processEvents()
    model, table = tab.model, tab.table
    filters = {
        "filter_status": CaseFilter(status=CaseStatus.IN_PROGRESS, today=today),
        "filter_year": CaseFilter(year=2024, today=today),
        "filter_attention": CaseFilter(due_soon=True, overdue=True, today=today),
        "search_common": CaseFilter(text="水库", today=today),  # a word in ~8 % of the cases
        "search_rare": CaseFilter(text="王芳", today=today),  # a name in a few dozen
    }
    for key, f in filters.items():

        def apply(f: CaseFilter = f) -> None:
            model.set_filter(f)
            app.processEvents()

        out[key] = best(apply)
        out[key + "_total"] = model.total

    # Scrolling end to end the way a user does: the view asks for more at the bottom. Page sizes
    # are recorded to show that no query loads everything at once.
    pages: list[int] = []
    real_list_cases = list_module.list_cases

    def counting(*args: Any, **kwargs: Any) -> Any:
        rows = real_list_cases(*args, **kwargs)
        pages.append(len(rows))
        return rows

    model.set_filter(CaseFilter(today=today))
    app.processEvents()
    list_module.list_cases = counting
    rss0 = rss_mb()
    c, w = time.process_time(), time.perf_counter()
    while model.canFetchMore():
        before = len(model.rows)
        table.scrollToBottom()
        app.processEvents()
        if len(model.rows) == before:
            model.fetchMore()  # the view did not ask (no room to scroll): ask as it would
    out["scroll"] = (time.process_time() - c, time.perf_counter() - w)
    out["scroll_mb"] = rss_mb() - rss0
    out["scroll_rows"] = len(model.rows)
    out["scroll_largest_page"] = max(pages) if pages else 0
    out["scroll_pages"] = len(pages)
    list_module.list_cases = real_list_cases
    for key, column in (("sort_due", 6), ("sort_case_no", 0)):  # 答复期限, 受理编号 (header clicks)

        def sort(column: int = column) -> None:
            model.sort(column, Qt.SortOrder.AscendingOrder)
            app.processEvents()

        out[key] = best(sort, 3)
    db.dispose()
    return out


def case_list_figures(data: Path) -> list[Figure]:
    r = run_section("case_list", data)
    figures = [Figure("Case list: first rows shown (first open)", r["first_cold"][0], "s", 0.150, None,
                      f"{cpu_wall(r['first_cold'])}; again {r['first_warm'][0] * 1000:.0f} ms")]
    for key, label in (("filter_status", "Case list: filter by status"), ("filter_year", "Case list: filter by year"),
                       ("filter_attention", "Case list: overdue or due soon"),
                       ("search_common", "Case list: two-character search, common word (水库)"),
                       ("search_rare", "Case list: two-character search, rare word (王芳)")):
        figures.append(Figure(label, r[key][0], "s", 0.200, None, f"{cpu_wall(r[key])}; {r[key + '_total']} found"))
    figures.append(Figure("Case list: sort by 答复期限 (header click)", r["sort_due"][0], "s", 0.200, None,
                          cpu_wall(r["sort_due"])))
    figures.append(Figure("Case list: sort by 受理编号 (header click)", r["sort_case_no"][0], "s", None, None,
                          f"{cpu_wall(r['sort_case_no'])}; natural order (year, length, text) has no index"))
    figures.append(Figure("Case list: scroll end to end, memory growth", r["scroll_mb"], "MB", 150, None,
                          f"{r['scroll_rows']} rows in {r['scroll_pages']} pages, {r['scroll'][0]:.1f} s CPU"))
    figures.append(Figure("Case list: scroll, largest single fetch (rows)", r["scroll_largest_page"], "", 200, None,
                          "rows arrive a page at a time, never all at once"))
    return figures
