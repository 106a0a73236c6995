"""From a figure's list of cases to the case itself, and back (issue 17).

A double-click on a row of the drill-down list shows that case in the 依申请公开 tab, through the
main window's own route for records (the one the 工作台 uses). The list stays open above the main
window, and its 回到统计报表 button brings the report back to the front.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.dashboard import DashboardItem, Urgency

CASES_AREA = "依申请公开"
REPORTS_AREA = "统计报表"
CASE_RECORD = "request_case"


def _router(widget: QWidget) -> object | None:
    parent = widget.parentWidget()
    window = parent.window() if parent is not None else None
    route = getattr(window, "open_dashboard_item", None)
    return route if callable(route) else None


def show_case(widget: QWidget, case_id: int) -> bool:
    """Bring the case forward in the main window; False when the list has no main window behind it."""
    route = _router(widget)
    if route is None:
        return False
    route(DashboardItem(CASES_AREA, "", "", Urgency.INFO, record_type=CASE_RECORD, record_id=case_id))  # type: ignore[operator]
    return True


def show_reports(widget: QWidget) -> bool:
    route = _router(widget)
    if route is None:
        return False
    route(DashboardItem(REPORTS_AREA, "", "", Urgency.INFO))  # type: ignore[operator]
    return True
