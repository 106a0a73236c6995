"""查看期限计算: the arithmetic behind a case's due date, in words a clerk can check by hand.

It follows REGISTER.md "Deadline arithmetic" step by step: the start, the 20 working days, the
days not counted (consultations, the fee period), the extension, and the holidays passed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.cases.deadlines import EXTENSION_DAYS, REPLY_DAYS
from app.cases.enums import CaseStatus
from app.cases.models import RequestCase
from app.cases.queries import workdays_left
from app.cases.recompute import case_deadline
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from ui.translate import translator

_tr = translator("DeadlineText")


def _cn(d: date | None) -> str:
    return _tr("{y}年{m}月{d}日").format(y=d.year, m=d.month, d=d.day) if d else "—"


def _days(days: tuple[date, ...], names: dict[date, str] | None = None) -> str:
    names = names or {}
    return "、".join(_tr("{m}月{d}日").format(m=d.month, d=d.day) + (f"（{names[d]}）" if names.get(d) else "")
                    for d in days)


def _left(calendar: WorkCalendar, case: RequestCase, due: date, today: date) -> int | None:
    return workdays_left(calendar, due, today) if CaseStatus(case.status).is_open else None


def deadline_explanation(session: Session, case: RequestCase, today: date) -> tuple[str, int | None]:
    """(the explanation, working days left or None when closed or paused)."""
    calendar = load_calendar(session)
    fee_pauses = bool(get_setting(session, "cases.fee_pauses_clock"))
    dl = case_deadline(case, calendar, today, fee_pauses)
    lines = [_tr("收到申请日期：{d}").format(d=_cn(case.received_on))]
    if case.correction_received_on:
        lines.append(_tr("补正收到日期：{d}（答复期限自此重新起算）").format(d=_cn(case.correction_received_on)))
    lines.append(_tr("起算日：{d}（当日不计入）").format(d=_cn(dl.start)))
    lines.append(_tr("法定答复期限：{n} 个工作日，即 {d}").format(n=REPLY_DAYS, d=_cn(dl.base_due)))
    if dl.pause_lines:
        lines.append(_tr("不计入期限的时间："))
        lines.extend(f"  · {line}" for line in dl.pause_lines)
        lines.append(_tr("  共顺延 {n} 个工作日").format(n=dl.paused_days))
    if dl.extension_days:
        lines.append(_tr("延期答复：增加 {n} 个工作日（延期告知日期 {d}）").format(
            n=EXTENSION_DAYS, d=_cn(case.extension_notified_on)))
    if dl.due is None:
        lines.append(_tr("当前正在等待申请人补正，答复期限暂不计算；收到补正材料后自当日起重新计算 20 个工作日。"))
        return "\n".join(lines), None
    if dl.fixed:
        # 条例第三十五条: the office fixed a date and told the applicant; no working days are counted.
        lines.append(_tr("依条例第三十五条确定延迟答复的合理期限：{d}（{when}决定，经审批并书面告知申请人）").format(
            d=_cn(dl.due), when=_cn(case.excessive_decided_on)))
        lines.append(_tr("答复期限：{d}（依第三十五条确定的合理期限）；要求申请人说明理由的时间不停止计算答复期限。")
                     .format(d=_cn(dl.due)))
        return "\n".join(lines), _left(calendar, case, dl.due, today)
    total = REPLY_DAYS + dl.paused_days + dl.extension_days
    described = calendar.describe(dl.start, dl.due, total)
    lines.append(_tr("答复期限：{start} 后第 {n} 个工作日，即 {d}").format(
        start=dl.start.isoformat(), n=total, d=_cn(dl.due)))
    if described.holidays_passed:
        lines.append(_tr("期间经过的法定节假日：{days}").format(
            days=_days(described.holidays_passed, dict(described.holiday_names))))
    if described.makeup_days_passed:
        lines.append(_tr("期间经过的调休上班日：{days}").format(days=_days(described.makeup_days_passed)))
    if not described.holidays_passed and not described.makeup_days_passed:
        lines.append(_tr("期间没有法定节假日或调休。"))
    if dl.unconfirmed_years:
        years = "、".join(_tr("{y} 年").format(y=y) for y in dl.unconfirmed_years)
        lines.append(_tr("（未确认）{years}的节假日安排尚未录入，本期限仅按周末计算，"
                         "请管理员在“系统设置→节假日”中录入。").format(years=years))
    left = _left(calendar, case, dl.due, today)
    if left is not None:
        state = _tr("剩余 {n} 个工作日").format(n=left) if left >= 0 else _tr("已超期 {n} 个工作日").format(n=-left)
        lines.append(_tr("今天 {d}：{state}").format(d=today.isoformat(), state=state))
    return "\n".join(lines), left
