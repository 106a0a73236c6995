"""The county's handling flowchart (RULES.md C.14), painted with the current case's position.

接收 → 登记 → 确认申请时间 → 审核 → 办理 (自行办理 / 补正 / 协商 / 征求第三方)
     → 答复 (起草 → 司法局审核 → 领导审定 → 送达) → 存档
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.cases.enums import CaseStatus
from ui.style import Colour

MAIN_STEPS: tuple[str, ...] = ("receive", "register", "confirm_date", "review", "handle", "reply", "archive")
HANDLE_STEPS: tuple[str, ...] = ("handle_self", "handle_correction", "handle_consult", "handle_third")
REPLY_STEPS: tuple[str, ...] = ("reply_draft", "reply_justice", "reply_leaders", "reply_deliver")


@dataclass(frozen=True)
class FlowFacts:
    """What the chart needs to know about a case; plain values so it can be tested without Qt."""

    status: CaseStatus
    had_correction: bool = False
    had_department: bool = False
    had_third_party: bool = False
    open_consultation: str = ""  # "department" / "third_party" while one is outstanding
    draft_saved: bool = False  # submitted for review (AWAITING_APPROVAL or later)
    revising: bool = False  # back in 办理中 with a draft, e.g. after a leader returned it
    justice_done: bool = False
    approvals_done: bool = False
    replied: bool = False
    delivered: bool = False


@dataclass
class FlowState:
    done: set[str] = field(default_factory=set)
    current: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)  # handling branches this case did not take


def flow_state(f: FlowFacts) -> FlowState:
    """Which boxes are done, which is current, for a case in status `f.status`."""
    st = FlowState()
    st.done.update(("receive", "register", "confirm_date"))
    branches = {
        "handle_correction": f.had_correction,
        "handle_consult": f.had_department,
        "handle_third": f.had_third_party,
    }
    branches["handle_self"] = not any(branches.values())
    if f.status is CaseStatus.REGISTERED:
        st.current.add("review")
        return st
    st.done.add("review")
    taken = {k for k, v in branches.items() if v}
    st.skipped.update(set(HANDLE_STEPS) - taken)
    if f.status is CaseStatus.AWAITING_CORRECTION:
        st.current.update(("handle", "handle_correction"))
        st.skipped.discard("handle_correction")
        return st
    if f.status is CaseStatus.IN_PROGRESS and not f.draft_saved and not (f.revising and not f.open_consultation):
        st.current.add("handle")
        if f.open_consultation == "department":
            st.current.add("handle_consult")
        elif f.open_consultation:
            st.current.add("handle_third")
        else:
            st.current.add("handle_self")
            st.skipped.discard("handle_self")
        st.done.update(taken - st.current)
        return st
    st.done.update(("handle", *taken))
    if f.status in (CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_APPROVAL):
        st.current.add("reply")
        if not f.draft_saved:
            st.current.add("reply_draft")
            return st
        st.done.add("reply_draft")
        if not f.justice_done:
            st.current.add("reply_justice")
            return st
        st.done.add("reply_justice")
        if not f.approvals_done:
            st.current.add("reply_leaders")
            return st
        st.done.add("reply_leaders")
        st.current.add("reply_deliver")
        return st
    st.done.update(("reply", *REPLY_STEPS))
    if f.status is CaseStatus.CLOSED:
        st.current.add("archive")
    else:
        st.done.add("archive")
    return st


_DONE_FILL = QColor("#e7f4ea")
_DONE_EDGE = QColor(Colour.DONE)
_CURRENT_FILL = QColor(Colour.LINK)
_CURRENT_EDGE = QColor("#0d47a1")
_TODO_FILL = QColor("#ffffff")
_TODO_EDGE = QColor("#9e9e9e")
_SKIP_EDGE = QColor("#c8c8c8")
_TEXT = QColor("#212121")
_LINE = QColor("#616161")


def _fitted(font: QFont, text: str, rect: QRectF) -> QFont:
    """`font`, made smaller until `text` fits `rect`: at a large 界面字号 the boxes keep their size."""
    fitted = QFont(font)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    while fitted.pointSizeF() > 7:
        bound = QFontMetricsF(fitted).boundingRect(rect, flags, text)
        if bound.width() <= rect.width() + 0.5 and bound.height() <= rect.height() + 0.5:
            break
        fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
    return fitted


class FlowchartWidget(QWidget):
    """Paints the flowchart; call set_facts() to highlight a case (None = no case chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(560, 300)  # beside the 本案进程 list (flow_panel.py) in the 流程图 tab
        self.state = FlowState()
        self.labels: dict[str, str] = {
            "receive": self.tr("接收"), "register": self.tr("登记"), "confirm_date": self.tr("确认申请时间"),
            "review": self.tr("审核"), "handle": self.tr("办理"), "reply": self.tr("答复"),
            "archive": self.tr("存档"),
            "handle_self": self.tr("自行办理"), "handle_correction": self.tr("补正"),
            "handle_consult": self.tr("部门协商"), "handle_third": self.tr("征求第三方意见"),
            "reply_draft": self.tr("起草答复书"), "reply_justice": self.tr("司法局审核"),
            "reply_leaders": self.tr("领导审定"), "reply_deliver": self.tr("送达"),
        }
        self.rects: dict[str, QRectF] = {}
        self.timeline: list[tuple[date, str]] = []

    def sizeHint(self) -> QSize:
        return QSize(960, 420)

    def set_facts(self, facts: FlowFacts | None, timeline: list[tuple[date, str]] | None = None) -> None:
        self.state = flow_state(facts) if facts is not None else FlowState()
        self.timeline = list(timeline or [])
        self.update()

    def current_steps(self) -> set[str]:
        return set(self.state.current)

    # -- layout ------------------------------------------------------------------------------
    def _layout(self) -> None:
        w, h = float(self.width()), float(self.height())
        n = len(MAIN_STEPS)
        margin = 24.0
        gap = max(18.0, (w - 2 * margin) * 0.035)
        box_w = (w - 2 * margin - gap * (n - 1)) / n
        box_h = min(56.0, max(38.0, h * 0.1))
        sub_h = box_h * 0.8
        sub_gap = min(28.0, max(12.0, (h - 120 - box_h - 4 * sub_h) / 5))
        # Centre the chart in the space between the title and the legend.
        chart_h = box_h + 4 * (sub_h + sub_gap)
        top = max(margin + 26.0, (h - chart_h) / 2 - 10)
        self.rects = {}
        for i, key in enumerate(MAIN_STEPS):
            self.rects[key] = QRectF(margin + i * (box_w + gap), top, box_w, box_h)
        sub_w = box_w + gap * 0.4  # adjacent sub-columns keep a clear gap between them
        for parent, steps in (("handle", HANDLE_STEPS), ("reply", REPLY_STEPS)):
            anchor = self.rects[parent]
            x = anchor.center().x() - sub_w / 2
            for j, key in enumerate(steps):
                y = anchor.bottom() + sub_gap + j * (sub_h + sub_gap)
                self.rects[key] = QRectF(x, y, sub_w, sub_h)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._layout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#fafafa"))
        title = QFont(self.font())
        title.setBold(True)
        p.setFont(title)
        p.setPen(_TEXT)
        p.drawText(QRectF(24, 6, self.width() - 48, 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.tr("依申请公开办理流程（县政府办公室）"))
        p.setFont(self.font())
        for a, b in itertools.pairwise(MAIN_STEPS):
            self._arrow(p, QPointF(self.rects[a].right(), self.rects[a].center().y()),
                        QPointF(self.rects[b].left(), self.rects[b].center().y()))
        self._branches(p)
        self._sequence(p)
        for key in (*MAIN_STEPS, *HANDLE_STEPS, *REPLY_STEPS):
            self._box(p, key)
        self._timeline(p)
        self._legend(p)
        p.end()

    def _branches(self, p: QPainter) -> None:
        # Alternatives: one vertical spine from 办理 with a short branch to each box.
        parent = self.rects["handle"]
        spine_x = self.rects[HANDLE_STEPS[0]].left() - 10
        last = self.rects[HANDLE_STEPS[-1]]
        p.setPen(QPen(_LINE, 1.4))
        p.drawLine(QPointF(parent.center().x(), parent.bottom()), QPointF(parent.center().x(), parent.bottom() + 8))
        p.drawLine(QPointF(parent.center().x(), parent.bottom() + 8), QPointF(spine_x, parent.bottom() + 8))
        p.drawLine(QPointF(spine_x, parent.bottom() + 8), QPointF(spine_x, last.center().y()))
        for key in HANDLE_STEPS:
            r = self.rects[key]
            self._arrow(p, QPointF(spine_x, r.center().y()), QPointF(r.left(), r.center().y()))

    def _sequence(self, p: QPainter) -> None:
        parent = self.rects["reply"]
        first = self.rects[REPLY_STEPS[0]]
        self._arrow(p, QPointF(parent.center().x(), parent.bottom()), QPointF(first.center().x(), first.top()))
        for a, b in itertools.pairwise(REPLY_STEPS):
            ra, rb = self.rects[a], self.rects[b]
            self._arrow(p, QPointF(ra.center().x(), ra.bottom()), QPointF(rb.center().x(), rb.top()))

    def _arrow(self, p: QPainter, a: QPointF, b: QPointF) -> None:
        p.setPen(QPen(_LINE, 1.4))
        p.drawLine(a, b)
        direction = b - a
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
        ux, uy = direction.x() / length, direction.y() / length
        size = 7.0
        left = QPointF(b.x() - ux * size - uy * size * 0.55, b.y() - uy * size + ux * size * 0.55)
        right = QPointF(b.x() - ux * size + uy * size * 0.55, b.y() - uy * size - ux * size * 0.55)
        p.setBrush(_LINE)
        p.drawPolygon(QPolygonF([b, left, right]))

    def _box(self, p: QPainter, key: str) -> None:
        r = self.rects[key]
        st = self.state
        font = QFont(self.font())
        if key in st.current:
            fill, edge, text_colour, style = _CURRENT_FILL, _CURRENT_EDGE, QColor("white"), Qt.PenStyle.SolidLine
            font.setBold(True)
        elif key in st.done:
            fill, edge, text_colour, style = _DONE_FILL, _DONE_EDGE, _TEXT, Qt.PenStyle.SolidLine
        elif key in st.skipped:
            fill, edge, text_colour, style = QColor("#f5f5f5"), _SKIP_EDGE, QColor("#9e9e9e"), Qt.PenStyle.DashLine
        else:
            fill, edge, text_colour, style = _TODO_FILL, _TODO_EDGE, _TEXT, Qt.PenStyle.SolidLine
        path = QPainterPath()
        path.addRoundedRect(r, 6, 6)
        p.setPen(QPen(edge, 2.0 if key in st.current else 1.3, style))
        p.setBrush(fill)
        p.drawPath(path)
        p.setFont(font)
        p.setPen(text_colour)
        label = self.labels[key] + ("  ✓" if key in st.done and key not in st.current else "")
        p.setFont(_fitted(font, label, r.adjusted(4, 2, -4, -2)))
        p.drawText(r.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, label)

    def _timeline(self, p: QPainter) -> None:
        """本案进程: the case's dated events in the free space under the first steps."""
        if not self.timeline:
            return
        left = self.rects["receive"].left()
        right = self.rects[HANDLE_STEPS[0]].left() - 40
        top = self.rects["receive"].bottom() + 28
        bottom = self.height() - 40.0
        if right - left < 200:
            return
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(_TEXT)
        line_h = p.fontMetrics().height() + 6
        p.drawText(QPointF(left, top), self.tr("本案进程"))
        p.setFont(self.font())
        fits = max(0, int((bottom - top - line_h) // line_h))
        events = self.timeline if len(self.timeline) <= fits else self.timeline[-fits:] if fits else []
        y = top + line_h
        date_w = p.fontMetrics().horizontalAdvance("0000-00-00") + 14
        for day, text in events:
            p.setPen(QColor(Colour.LINK))
            p.setBrush(QColor(Colour.LINK))
            p.drawEllipse(QPointF(left + 4, y - line_h / 3), 3, 3)
            p.setPen(QColor("#555"))
            p.drawText(QPointF(left + 14, y), day.isoformat())
            p.setPen(_TEXT)
            elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(right - left - date_w - 14))
            p.drawText(QPointF(left + 14 + date_w, y), elided)
            y += line_h

    def _legend(self, p: QPainter) -> None:
        items = (
            (_CURRENT_FILL, _CURRENT_EDGE, self.tr("当前环节")),
            (_DONE_FILL, _DONE_EDGE, self.tr("已完成")),
            (_TODO_FILL, _TODO_EDGE, self.tr("未进行")),
            (QColor("#f5f5f5"), _SKIP_EDGE, self.tr("本案未涉及")),
        )
        p.setFont(self.font())
        x = 24.0
        y = self.height() - 24.0
        for fill, edge, text in items:
            p.setPen(QPen(edge, 1.2))
            p.setBrush(fill)
            p.drawRoundedRect(QRectF(x, y, 16, 12), 3, 3)
            p.setPen(_TEXT)
            width = p.fontMetrics().horizontalAdvance(text)
            p.drawText(QPointF(x + 22, y + 11), text)
            x += 22 + width + 22
