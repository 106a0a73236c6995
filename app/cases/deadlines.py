"""The reply deadline of a request case (REGISTER.md "Deadline arithmetic", RULES.md C.4–C.8).

- start = the day the supplement arrived (补正收到日期) if there is one, else 收到申请日期;
- due = the 20th working day after start;
- consultation days are not counted: each working day d with 发出日期 < d ≤ min(收回日期, the last
  day of the consulted party's period) — 15 working days after the third party / co-producing agency
  received the letter (counted from sending while the delivery date is not recorded), 5 for a county
  department. An unanswered consultation therefore ends at the end of that period, never later;
- the fee period pauses the clock the same way when the office's setting says so, bounded by the
  payment period (20 working days after the applicant received the notice);
- a pause that begins after the due date reached so far moves nothing (条例第三十三条 does not let a
  late consultation or fee notice revive an overdue case); overlapping pauses count once;
- an extension adds 20 working days;
- a reasonable later deadline fixed under 条例第三十五条 (excessive requests: the reasons were found
  reasonable but the request cannot be answered in time) replaces the date so computed: it was told
  to the applicant as a date. The time the applicant takes to explain the reasons pauses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.workdays.calendar import WorkCalendar

REPLY_DAYS = 20
EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
FIXED_DUE_NOTE = "依第三十五条确定的合理期限"


@dataclass(frozen=True)
class Pause:
    start: date  # exclusive: the day the letter or notice was sent
    end: date | None  # inclusive: answer / payment; None = none yet
    reason: str
    # The pause never runs past the limit_days-th working day after limit_from (the consulted
    # party's or the payer's own period); limit_days 0 = unbounded (kept only for callers that
    # know no period).
    limit_from: date | None = None
    limit_days: int = 0
    limit_from_is_sending: bool = False  # the delivery date is not known: counted from sending
    kind: str = "consultation"  # "consultation" or "fee": how the due text names the days

    def limit(self, calendar: WorkCalendar) -> date | None:
        if not self.limit_days:
            return None
        return calendar.add_workdays(self.limit_from or self.start, self.limit_days)

    def effective_end(self, calendar: WorkCalendar, today: date) -> date:
        limit = self.limit(calendar)
        if self.end is not None:
            return min(self.end, limit) if limit is not None else self.end
        return limit if limit is not None else today


@dataclass(frozen=True)
class DeadlineInput:
    received_on: date
    correction_received_on: date | None = None
    awaiting_correction: bool = False
    pauses: tuple[Pause, ...] = ()
    extended: bool = False
    fixed_due: date | None = None  # 条例第三十五条: the reasonable later deadline told to the applicant


@dataclass(frozen=True)
class CaseDeadline:
    due: date | None  # None while the office waits for a supplement (the clock has not started)
    start: date
    base_due: date
    paused_days: int
    extension_days: int
    unconfirmed_years: tuple[int, ...] = ()
    pause_lines: tuple[str, ...] = field(default_factory=tuple)
    consultation_days: int = 0  # of paused_days, those first claimed by a consultation
    fee_days: int = 0
    fixed: bool = False  # `due` is the 第三十五条 later deadline, not a count of working days

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_years


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


Counted = tuple[Pause, set[date], bool]  # the pause, the working days it adds, began after the due date


def _counted(calendar: WorkCalendar, data: DeadlineInput, today: date) -> tuple[list[Counted], date]:
    """Each pause with the working days it adds, in the order the pauses began, and the due date."""
    start = data.correction_received_on or data.received_on
    extra = EXTENSION_DAYS if data.extended else 0
    paused: set[date] = set()
    due = calendar.add_workdays(start, REPLY_DAYS + extra)
    out: list[Counted] = []
    for p in sorted(data.pauses, key=lambda p: (p.start, p.reason)):
        days: set[date] = set()
        late = p.start > due
        if not late:
            end = p.effective_end(calendar, today)
            if end > p.start:
                days = {d for d in calendar.workdays_in(p.start + timedelta(days=1), end) if d > start} - paused
        paused |= days
        due = calendar.add_workdays(start, REPLY_DAYS + extra + len(paused))
        out.append((p, days, late))
    return out, due


def paused_workdays(calendar: WorkCalendar, pauses: Iterable[Pause], today: date) -> set[date]:
    """Every working day the pauses cover (each bounded by its period), without the due-date rule."""
    days: set[date] = set()
    for p in pauses:
        end = p.effective_end(calendar, today)
        if end > p.start:
            days.update(calendar.workdays_in(p.start + timedelta(days=1), end))
    return days


def _line(calendar: WorkCalendar, item: Counted, today: date) -> str:
    p, days, late = item
    end = p.effective_end(calendar, today)
    fee = p.kind == "fee"
    text = f"{p.reason}：{p.start.isoformat()} 至 {end.isoformat()}"
    limit = p.limit(calendar)
    what = "缴费期限" if fee else "对方答复期限"
    if p.end is None and limit is not None:
        text += f"（尚未{'缴费' if fee else '答复'}，最多计至{what}届满之日 {limit.isoformat()}）"
    elif p.end is None:
        text += "（进行中）"
    elif limit is not None and p.end > limit:
        text += f"（{'缴费' if fee else '答复'}晚于{what} {limit.isoformat()}，只计至该日）"
    if p.limit_from_is_sending and limit is not None:
        text += "（送达日期未登记，期限暂自发出之日起计算）"
    if late:
        return text + "，发出时答复期限已届满，不顺延"
    if not days:
        return text + "，不计入（与其他期间重叠或不在答复期限内）"
    return text + f"，计 {len(days)} 个工作日"


def compute(calendar: WorkCalendar, data: DeadlineInput, today: date) -> CaseDeadline:
    start = data.correction_received_on or data.received_on
    base_due = calendar.add_workdays(start, REPLY_DAYS)
    counted, due_running = _counted(calendar, data, today)
    paused = sum(len(days) for _, days, _ in counted)
    extra = EXTENSION_DAYS if data.extended else 0
    if data.fixed_due is not None:
        due_running = data.fixed_due
    due = None if data.awaiting_correction else due_running
    lines = tuple(_line(calendar, item, today) for item in counted)
    last = due or base_due
    return CaseDeadline(
        due=due, start=start, base_due=base_due, paused_days=paused, extension_days=extra,
        unconfirmed_years=calendar.unconfirmed_years_between(start, last), pause_lines=lines,
        consultation_days=sum(len(d) for p, d, _ in counted if p.kind != "fee"),
        fee_days=sum(len(d) for p, d, _ in counted if p.kind == "fee"),
        fixed=data.fixed_due is not None and due is not None,
    )


def due_text(result: CaseDeadline) -> str:
    """The due date as a receipt or the register states it: the date itself and, when pauses or an
    extension moved it, what was left out — never "20个工作日内" for a date that is not that."""
    if result.due is None:
        return "自收到补正后的申请之日起20个工作日内"
    if result.fixed:
        return _cn(result.due) + f"（{FIXED_DUE_NOTE}）"
    parts = []
    if result.consultation_days:
        parts.append(f"已扣除征求意见{result.consultation_days}个工作日")
    if result.fee_days:
        parts.append(f"已扣除收费通知至缴费期间{result.fee_days}个工作日")
    if result.extension_days:
        parts.append(f"含延期{result.extension_days}个工作日")
    return _cn(result.due) + (f"（{'，'.join(parts)}）" if parts else "")


def correction_notice_latest(calendar: WorkCalendar, received_on: date) -> date:
    """补正 must be notified within 7 working days of receipt."""
    return calendar.add_workdays(received_on, CORRECTION_NOTICE_DAYS)
