"""Information-processing fees (RULES.md C.8; 条例第四十二条; 国办函〔2020〕109号).

What the fee notice needs and what follows it: the amount under either method, the applicant's
payment period (20 working days from the notice), and the direct close when that period passes
without payment (其他处理 / 逾期未缴费) — which, like 逾期不补正, needs no reply approval chain
because the office does not process the request any further.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.cases.handling import WORKING, case_for_change, close_without_reply, save_change
from app.cases.intake import monthly_fee_per_request
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.validation import cn_date, require_not_future
from app.context import Actor
from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar

PAYMENT_DAYS = 20  # 国办函〔2020〕109号: pay within 20 working days of receiving the notice
FREE_PAGES = 30
# (last page of the band, yuan per page); the last band has no upper end.
PAGE_BANDS: tuple[tuple[int | None, int], ...] = ((FREE_PAGES, 0), (100, 10), (200, 20), (None, 40))
MAX_COUNT = 1_000_000  # far above any real request; bounds the per-request sum below


class FeeMethod(StrEnum):
    """One method per request, never both (109号 第三条)."""

    PER_REQUEST = "per_request"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        return {"per_request": "按件计收", "per_page": "按量计收"}[self.value]

    @property
    def unit(self) -> str:
        return {"per_request": "件", "per_page": "页"}[self.value]


def fee_due_on(calendar: WorkCalendar, notice_on: date, received_on: date | None = None) -> date:
    """Last day to pay: the 20th working day after the applicant received the notice (that day
    not counted). Until the delivery date is recorded it is counted from the notice date, which is
    earlier, so the reply clock is never paused for longer than the law allows."""
    return calendar.add_workdays(received_on or notice_on, PAYMENT_DAYS)


def lapsed_notice_cutoff(calendar: WorkCalendar, today: date) -> date:
    """The latest notice date whose payment period has passed by `today`:
    ``notice_on <= cutoff`` exactly when ``fee_due_on(calendar, notice_on) < today``.

    A notice lapses when at least 20 working days lie in (notice_on, today − 1]; so the cut-off is
    the day before the 20th working day counted back from yesterday. Lets the dashboard filter in
    SQL instead of computing a due date per case.
    """
    yesterday = today - timedelta(days=1)
    span = 60
    while True:  # an office may enter long closures; widen the window until 20 working days fit
        days = calendar.workdays_in(yesterday - timedelta(days=span), yesterday)
        if len(days) >= PAYMENT_DAYS:
            return days[-PAYMENT_DAYS] - timedelta(days=1)
        span *= 2


def compute_fee(method: FeeMethod | str, count: int, *, earlier: int = 0) -> Decimal:
    """Yuan due under 国办函〔2020〕109号. Both methods are 超额累进 (第三条): each unit is charged at
    the rate of the band it falls in, not every unit at the rate of the highest band reached.

    - 按量计收 (per page): `count` pages of this request; 1–30 free, 31–100 10元/页,
      101–200 20元/页, from 201 40元/页. Worked example, 250 pages:
      30 × 0 + 70 × 10 + 100 × 20 + 50 × 40 = 0 + 700 + 2000 + 2000 = 4700 元
      (not 250 × 40 = 10000 元, which is the reading 超额累进 rules out).
    - 按件计收 (per request, same applicant, natural month): the n-th request costs
      `monthly_fee_per_request(n)`: 1–10 free, 11–30 100元, 31–40 200元, 41–50 300元 …
      `count` is the number of 件 this notice charges for (usually 1; more when one letter is
      split “一事一申请”) and `earlier` how many the applicant had already filed that month.
      Worked example, the 35th request of the month: earlier=34, count=1 → 200 元; all 35 at
      once (earlier=0, count=35): 20 × 100 + 5 × 200 = 3000 元.
    """
    method = FeeMethod(method)
    if not 0 <= count <= MAX_COUNT or not 0 <= earlier <= MAX_COUNT:
        unit = method.unit
        raise ValidationError(f"计费数量须为 0 至 {MAX_COUNT} {unit}之间的整数。", field="count")
    if method is FeeMethod.PER_REQUEST:
        return Decimal(sum(monthly_fee_per_request(n) for n in range(earlier + 1, earlier + count + 1)))
    if earlier:
        raise ValidationError("按量计收按本件申请的页数计算，不累计此前的申请。", field="earlier")
    total, floor = 0, 0
    for last, rate in PAGE_BANDS:
        top = count if last is None else min(count, last)
        if top > floor:
            total += (top - floor) * rate
        if last is None or count <= last:
            break
        floor = last
    return Decimal(total)


def fee_working(method: FeeMethod | str, count: int, earlier: int = 0) -> tuple[Decimal, str]:
    """The amount and its working as the notice prints it, e.g.
    按量计收：本件250页＝30页×0元＋70页×10元＋100页×20元＋50页×40元＝4700元;
    按件计收：本月此前已申请34件，本件为第35件，计1件×200元＝200元."""
    method = FeeMethod(method)
    total = compute_fee(method, count, earlier=earlier if method is FeeMethod.PER_REQUEST else 0)
    if method is FeeMethod.PER_PAGE:
        parts, floor = [], 0
        for last, rate in PAGE_BANDS:
            top = count if last is None else min(count, last)
            if top > floor:
                parts.append(f"{top - floor}页×{rate}元")
            if last is None or count <= last:
                break
            floor = last
        return total, f"{method.label}：本件{count}页＝" + "＋".join(parts or ["0页"]) + f"＝{total}元"
    rates = [monthly_fee_per_request(n) for n in range(earlier + 1, earlier + count + 1)]
    bands = "＋".join(f"1件×{r}元" for r in rates) if len(set(rates)) > 1 else f"{count}件×{rates[0] if rates else 0}元"
    first = earlier + 1
    which = f"第{first}件" if count == 1 else f"第{first}至{earlier + count}件"
    return total, f"{method.label}：本月此前已申请{earlier}件，本件为{which}，计{bands}＝{total}元"


def earlier_requests_in_month(session: Session, case_id: int) -> int:
    """How many requests the same applicant filed earlier in the natural month of this one (the
    starting point of 按件计收). Same applicant as intake's warning: same name or same ID number."""
    case = session.get(RequestCase, case_id)
    if case is None:
        return 0
    same = [RequestCase.applicant_name == case.applicant_name]
    if case.id_number.strip():
        same.append(RequestCase.id_number == case.id_number)
    first = case.received_on.replace(day=1)
    after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    earlier = or_(RequestCase.received_on < case.received_on,
                  and_(RequestCase.received_on == case.received_on, RequestCase.id < case.id))
    count = session.scalar(select(func.count(RequestCase.id)).where(
        or_(*same), RequestCase.received_on >= first, RequestCase.received_on < after, earlier))
    return int(count or 0)


def fee_period_lapsed(
    calendar: WorkCalendar, notice_on: date | None, paid_on: date | None, today: date,
    received_on: date | None = None,
) -> bool:
    """A fee notice went out, nothing was paid, and the payment period is over."""
    return notice_on is not None and paid_on is None and today > fee_due_on(calendar, notice_on, received_on)


def record_fee_notice_received(
    session: Session, actor: Actor, case_id: int, received_on: date, *, today: date | None = None
) -> RequestCase:
    """The day the applicant received the fee notice (EMS signed / e-mail confirmed): the payment
    period, and the pause of the reply deadline, run from it."""
    case, before = case_for_change(session, actor, case_id, action="登记收费通知送达日期")
    if case.fee_notice_on is None:
        raise ValidationError("本件没有发出收费通知，无需登记送达日期。", field="received_on")
    require_not_future(received_on, today or date.today(), "received_on", "收费通知送达日期")
    if received_on < case.fee_notice_on:
        raise ValidationError(
            f"收费通知送达日期（{cn_date(received_on)}）不能早于通知日期（{cn_date(case.fee_notice_on)}）。",
            field="received_on",
        )
    case.fee_notice_received_on = received_on
    due = fee_due_on(load_calendar(session), case.fee_notice_on, received_on)
    save_change(session, actor, case, before, "fee_notice_received",
                f"收费通知{cn_date(received_on)}送达，缴费期限至{cn_date(due)}", today)
    return case


def close_for_fee_unpaid(
    session: Session, actor: Actor, case_id: int, closed_on: date, *, today: date | None = None
) -> RequestCase:
    """Fee not paid in time: treated as abandoned (其他处理 / 逾期未缴费, 109号). The closing day
    stands in for the reply date so the annual report counts the result in that year."""
    case, before = case_for_change(session, actor, case_id, WORKING, "按逾期未缴费办结")
    require_not_future(closed_on, today or date.today(), "closed_on", "办结日期")
    if case.fee_notice_on is None:
        raise ValidationError("本件没有发出收费通知，不能按逾期未缴费办结。", field="closed_on")
    if case.fee_paid_on is not None:
        raise ValidationError(
            f"申请人已于{cn_date(case.fee_paid_on)}缴费，不能按逾期未缴费办结，请继续办理并答复。", field="closed_on"
        )
    if case.reply_doc_no:
        # A reopened case whose reply letter went out: that letter stands in the file.
        raise ValidationError(f"本件答复书（{case.reply_doc_no}）已发出，不能再按逾期未缴费办结。", field="closed_on")
    if case.fee_notice_received_on is None:
        # 逾期未缴费 asserts that the applicant had the full period after RECEIVING the notice.
        raise ValidationError(
            "尚未登记申请人收到收费通知的日期，无法确认缴费期限已届满，不能按逾期未缴费办结。"
            "请先在“收费”中登记收费通知送达日期。", field="closed_on")
    due = fee_due_on(load_calendar(session), case.fee_notice_on, case.fee_notice_received_on)
    if closed_on <= due:
        raise ValidationError(
            f"缴费期限（{cn_date(due)}，申请人收到收费通知之日起 {PAYMENT_DAYS} 个工作日）尚未届满，"
            "不能按逾期未缴费办结。",
            field="closed_on",
        )
    return close_without_reply(session, actor, case, before, ReplyType.FEE_UNPAID, closed_on,
                               "申请人逾期未缴纳信息处理费，不再处理", today, extra={"fee_due_on": due.isoformat()})
