"""Intake (RULES.md C.1–C.3): the registration form, the date of receipt under 条例第三十一条,
the warnings clerks need, registering a case and correcting its registration."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.cases.enums import ApplicantType, CaseStatus, Channel, DeliveryMethod
from app.cases.handling import (
    AUDIT_TYPE,
    CASE_WORK_ROLES,
    case_view,
    ensure_editable,
    fee_pauses_clock,
    flush_case,
    save_change,
)
from app.cases.models import RequestCase
from app.cases.queries import get_case
from app.cases.recompute import refresh_due, refresh_search_text
from app.cases.search import normalise
from app.cases.text_limits import text_limit
from app.cases.validation import (
    cn_date,
    id_card_problem,
    is_valid_email,
    is_valid_postcode,
    normalize_code,
    phone_problem,
    require_not_future,
    uscc_problem,
)
from app.context import Actor
from app.errors import ConflictError, ValidationError
from app.numbering import format_doc_no, next_number
from app.settings import get_setting
from app.text_check import check_text
from app.workdays.service import load_calendar

ID_CARD = "居民身份证"
USCC = "统一社会信用代码"
ID_TYPES = (ID_CARD, "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证", USCC, "其他")
FREE_REQUESTS_PER_MONTH = 10
REPEAT_SIMILARITY = 0.5


@dataclass
class CaseForm:
    """Every registration field of RequestCase as plain values (what the form edits)."""

    applicant_type: ApplicantType = ApplicantType.NATURAL
    applicant_name: str = ""
    id_type: str = ""
    id_number: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    agent_name: str = ""
    agent_id_number: str = ""
    agent_phone: str = ""
    has_power_of_attorney: bool = False
    channel: Channel = Channel.IN_PERSON
    submitted_on: date | None = None
    channel_date: date | None = None
    content: str = ""
    info_reference: str = ""
    form_wanted: str = ""
    delivery_method: DeliveryMethod | None = None
    remarks: str = ""
    # 平信 only: the day the letter arrived (the office must confirm with the applicant that day).
    letter_arrived_on: date | None = None

    @classmethod
    def from_case(cls, case: RequestCase) -> CaseForm:
        return cls(
            **{f.name: getattr(case, f.name) for f in fields(cls)
               if f.name not in ("applicant_type", "channel", "delivery_method")},
            applicant_type=ApplicantType(case.applicant_type), channel=Channel(case.channel),
            delivery_method=DeliveryMethod(case.delivery_method) if case.delivery_method else None,
        )


_MULTILINE = frozenset({"content", "remarks", "address", "info_reference"})
FIELD_LABELS = {
    "applicant_name": "申请人姓名或名称", "id_type": "证件类型", "id_number": "证件号码",
    "legal_representative": "法定代表人", "contact_person": "联系人", "phone": "联系电话", "email": "电子邮箱",
    "address": "通信地址", "postcode": "邮政编码", "agent_name": "代理人姓名", "agent_id_number": "代理人证件号码",
    "agent_phone": "代理人电话", "content": "申请内容", "info_reference": "所需信息的文号或描述",
    "form_wanted": "获取信息的方式", "remarks": "备注",
}


@dataclass(frozen=True)
class ReceiptDate:
    received_on: date | None  # None while the date the rule needs is still missing
    rule_text: str
    needs_label: str  # the date the form must ask for; "" when it is the submission day itself


_RECEIPT_RULES: dict[Channel, tuple[str, str]] = {
    Channel.IN_PERSON: ("", "当面提交申请的，以提交之日为收到申请之日（《条例》第三十一条第（一）项）"),
    Channel.LETTER_REGISTERED: (
        "签收日期", "以邮寄方式提交申请的，以行政机关签收之日为收到申请之日（《条例》第三十一条第（二）项）"
    ),
    Channel.LETTER_ORDINARY: (
        "与申请人确认日期",
        "以平常信函等无需签收的邮寄方式提交的，应于收到当日与申请人确认，确认之日为收到申请之日（《条例》第三十一条第（二）项）",
    ),
    Channel.INTERNET: (
        "双方确认日期", "通过互联网渠道提交申请的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"
    ),
    Channel.FAX: ("双方确认日期", "通过传真提交申请的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
    Channel.OTHER: ("确认日期", "通过其他渠道提交申请的，以确认之日为收到申请之日；未确认的以提交之日为准"),
}


def receipt_date(channel: Channel, submitted_on: date | None, channel_date: date | None) -> ReceiptDate:
    """收到申请日期 by channel (条例第三十一条)."""
    channel = Channel(channel)
    label, rule = _RECEIPT_RULES[channel]
    if channel is Channel.IN_PERSON:
        return ReceiptDate(submitted_on, rule, label)
    if channel is Channel.OTHER:
        return ReceiptDate(channel_date or submitted_on, rule, label)
    return ReceiptDate(channel_date, rule, label)


def monthly_fee_per_request(n: int) -> int:
    """Yuan for the n-th request of one applicant in a natural month (国办函〔2020〕109号, per item):
    1–10 free, 11–30 100 元, then 100 元 more for each further band of 10."""
    if n <= FREE_REQUESTS_PER_MONTH:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def content_similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams: works for Chinese without word segmentation."""
    x, y = normalise(a), normalise(b)
    if len(x) < 2 or len(y) < 2:
        return 1.0 if x and x == y else 0.0
    bx = [x[i : i + 2] for i in range(len(x) - 1)]
    by = {y[i : i + 2] for i in range(len(y) - 1)}
    sx = set(bx)
    return 2 * len(sx & by) / (len(sx) + len(by))


# --- validation -----------------------------------------------------------------------------
def _values(form: CaseForm) -> dict[str, Any]:
    """The form as column values, trimmed (what is compared and stored)."""
    out: dict[str, Any] = {}
    for f in fields(form):
        value = getattr(form, f.name)
        out[f.name] = value.strip() if isinstance(value, str) else value
    out["applicant_type"] = ApplicantType(form.applicant_type).value
    out["channel"] = Channel(form.channel).value
    out["delivery_method"] = DeliveryMethod(form.delivery_method).value if form.delivery_method else ""
    for key in ("id_number", "agent_id_number"):
        out[key] = normalize_code(out[key])
    if Channel(form.channel) is not Channel.LETTER_ORDINARY:
        out["letter_arrived_on"] = None
    return out


def form_values(form: CaseForm) -> dict[str, Any]:
    """The form as the values stored and compared (for the conflict view, app.cases.intake_conflict)."""
    return _values(form)


def _validated(form: CaseForm, today: date) -> tuple[dict[str, Any], date, str]:
    v = _values(form)
    if not v["applicant_name"]:
        raise ValidationError("请填写申请人姓名或名称。", field="applicant_name")
    if not v["content"]:
        raise ValidationError("请填写申请公开的政府信息内容（条例第二十九条）。", field="content")
    if not (v["phone"] or v["email"] or v["address"]):
        raise ValidationError("请至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条）。", field="phone")
    if v["email"] and not is_valid_email(v["email"]):
        raise ValidationError(f"电子邮箱“{v['email']}”格式不正确，请检查是否漏了 @ 或域名。", field="email")
    if v["postcode"] and not is_valid_postcode(v["postcode"]):
        raise ValidationError(f"邮政编码“{v['postcode']}”应为 6 位数字。", field="postcode")
    if v["delivery_method"] == DeliveryMethod.POST.value and not v["address"]:
        raise ValidationError("送达方式为邮寄时，请填写通信地址。", field="address")
    if v["delivery_method"] == DeliveryMethod.EMAIL.value and not v["email"]:
        raise ValidationError("送达方式为电子邮件时，请填写电子邮箱。", field="email")
    for key, label in FIELD_LABELS.items():
        check_text(v[key], label, key, limit=text_limit(key), multiline=key in _MULTILINE)
    if v["submitted_on"] is not None:
        require_not_future(v["submitted_on"], today, "submitted_on", "提交日期")
    receipt = receipt_date(form.channel, form.submitted_on, form.channel_date)
    if receipt.received_on is None:
        if not receipt.needs_label:
            raise ValidationError("请填写申请人提交申请的日期。", field="submitted_on")
        raise ValidationError(f"请填写{receipt.needs_label}：{receipt.rule_text}。", field="channel_date")
    if form.channel_date is not None and form.submitted_on is not None and form.channel_date < form.submitted_on:
        raise ValidationError(
            f"{receipt.needs_label or '确认日期'}（{cn_date(form.channel_date)}）不能早于提交日期"
            f"（{cn_date(form.submitted_on)}），请核对。", field="channel_date",
        )
    field = "submitted_on" if Channel(form.channel) is Channel.IN_PERSON else "channel_date"
    require_not_future(receipt.received_on, today, field, "收到申请日期")
    arrived = v["letter_arrived_on"]
    if Channel(form.channel) is Channel.LETTER_ORDINARY:
        if arrived is None:
            raise ValidationError(
                "以平信提交的，请填写信件到达日期（条例第三十一条第（二）项：应于收到当日与申请人确认）。",
                field="letter_arrived_on",
            )
        require_not_future(arrived, today, "letter_arrived_on", "信件到达日期")
        if receipt.received_on < arrived:
            raise ValidationError(
                f"与申请人确认日期（{cn_date(receipt.received_on)}）不能早于信件到达日期（{cn_date(arrived)}），请核对。",
                field="channel_date",
            )
    v["received_on"] = receipt.received_on
    v["receipt_rule"] = receipt.rule_text
    return v, receipt.received_on, receipt.rule_text


def _new_case_no(session: Session, year: int) -> str:
    pattern = str(get_setting(session, "docno.case"))
    short = str(get_setting(session, "org.short_name"))
    # A number taken by an imported case is skipped rather than duplicated; the counter itself
    # stays gap-free and never hands a number out twice.
    for _ in range(50):
        case_no = format_doc_no(pattern, short, year, next_number(session, "case", year))
        if session.scalar(select(RequestCase.id).where(RequestCase.case_no == case_no)) is None:
            return case_no
    raise ValidationError("无法生成不重复的受理编号，请管理员检查“受理编号格式”设置。", field="case_no")


# --- services -------------------------------------------------------------------------------
def register_case(session: Session, actor: Actor, form: CaseForm, today: date) -> RequestCase:
    actor.require(*CASE_WORK_ROLES)
    values, received_on, _ = _validated(form, today)
    case = RequestCase(
        case_no=_new_case_no(session, received_on.year), status=CaseStatus.REGISTERED.value, **values,
        handler_id=actor.user_id, created_by=actor.username, reply_round=1,
    )
    refresh_search_text(case)
    refresh_due(case, load_calendar(session), today, fee_pauses_clock(session))
    session.add(case)
    flush_case(session)
    record(session, actor, "create", AUDIT_TYPE, case.id, after=case_view(case),
           summary=f"登记依申请公开申请 {case.case_no}（{case.applicant_name}）")
    return case


def _earliest_event(case: RequestCase) -> tuple[date, str] | None:
    events = [(c.sent_on, "征求意见发出日期") for c in case.consultations]
    events += [
        (d, label) for d, label in (
            (case.correction_notice_on, "补正告知日期"), (case.extension_notified_on, "延期告知日期"),
            (case.fee_notice_on, "收费通知日期"), (case.replied_on, "答复日期"),
        ) if d is not None
    ]
    return min(events) if events else None


def update_case(
    session: Session, actor: Actor, case_id: int, form: CaseForm, expected_version: int,
    *, today: date | None = None,
) -> RequestCase:
    """Save the corrected registration; refused on closed cases and when someone saved first."""
    actor.require(*CASE_WORK_ROLES)
    case = get_case(session, case_id, lock=True)
    ensure_editable(case)
    if case.version != expected_version:
        changes: dict[str, tuple[object, object]] = {
            k: (getattr(case, k), v) for k, v in _values(form).items() if getattr(case, k) != v
        }
        raise ConflictError(
            f"申请件“{case.case_no}”在您打开后已被其他人修改并保存。请逐项核对差异（对方的值 / 您的值），"
            "选定保留哪一个后再保存。",
            changes,
        )
    today = today or date.today()
    values, received_on, _ = _validated(form, today)
    first = _earliest_event(case)
    if first is not None and received_on > first[0]:
        raise ValidationError(
            f"收到申请日期（{cn_date(received_on)}）不能晚于已登记的{first[1]}（{cn_date(first[0])}），请核对。",
            field="channel_date" if Channel(form.channel) is not Channel.IN_PERSON else "submitted_on",
        )
    before = case_view(case)
    for key, value in values.items():
        if getattr(case, key) != value:
            setattr(case, key, value)
    refresh_search_text(case)
    save_change(session, actor, case, before, "update", "修改登记信息", today, audit_unchanged=False)
    return case


def _id_warning(id_type: str, number: str, who: str, person: bool, today: date) -> str | None:
    code = normalize_code(number)
    if not code:
        return None
    # Without a stated type only an 18-character number is checked: it is an ID card for a person
    # and a credit code for an organisation; anything else may be a passport or an old number.
    kind = id_type.strip() or ((ID_CARD if person else USCC) if len(code) == 18 else "")
    if kind == ID_CARD and len(code) != 15:  # 15-digit IDs predate the check digit
        problem = id_card_problem(code, today)
    elif kind == USCC:
        problem = uscc_problem(code)
    else:
        return None
    return f"{who}：{problem}。" if problem else None


def _same_applicant(form: CaseForm) -> Any:
    name = form.applicant_name.strip()
    idn = normalize_code(form.id_number)
    conds = [RequestCase.applicant_name == name] if name else []
    if idn:
        conds.append(RequestCase.id_number == idn)
    return or_(*conds) if conds else None


def intake_warnings(
    session: Session, form: CaseForm, today: date, *, exclude_case_id: int | None = None
) -> list[str]:
    """What a clerk may have got wrong or should know, as Chinese sentences; never blocks."""
    out: list[str] = []
    person = ApplicantType(form.applicant_type).is_person
    ids = (("申请人证件号码", form.id_type, form.id_number), ("代理人证件号码", "", form.agent_id_number))
    for who, kind, number in ids:
        text = _id_warning(kind, number, who, person or who.startswith("代理人"), today)
        if text:
            out.append(text)
    for label, phone in (("申请人", form.phone), ("代理人", form.agent_phone)):
        problem = phone_problem(phone)
        if problem:
            out.append(f"{label}{problem}，请核对。")
    if person and not form.id_number.strip():
        out.append("未填写申请人的身份证件号码；条例第二十九条要求申请人提供身份证明。")
    if form.agent_name.strip() and not form.has_power_of_attorney:
        out.append("本申请由代理人提交，请查验并留存授权委托书及委托人、受托人的身份证明。")
    arrived, confirmed = form.letter_arrived_on, form.channel_date
    if Channel(form.channel) is Channel.LETTER_ORDINARY and arrived and confirmed and confirmed > arrived:
        out.append(
            f"平信于{cn_date(arrived)}到达，但{cn_date(confirmed)}才与申请人确认。条例第三十一条第（二）项要求"
            "收到当日与申请人确认；请在备注中写明未能当日确认的原因（如联系不上申请人），并留存联系记录。"
        )
    same = _same_applicant(form)
    if same is None:
        return out
    received = receipt_date(form.channel, form.submitted_on, form.channel_date).received_on or today
    query = select(RequestCase.case_no, RequestCase.received_on, RequestCase.content).where(same)
    if exclude_case_id is not None:
        query = query.where(RequestCase.id != exclude_case_id)
    similar = [
        (no, on) for no, on, content in session.execute(query.order_by(RequestCase.received_on.desc()).limit(500))
        if content_similarity(form.content, content) >= REPEAT_SIMILARITY
    ]
    if similar:
        listed = "、".join(f"{no}（{cn_date(on)}收到）" for no, on in similar[:3])
        more = f"等 {len(similar)} 件" if len(similar) > 3 else ""
        out.append(
            f"同一申请人此前的申请 {listed}{more} 内容相近，可能属于重复申请；如已答复，可按“重复申请”不予重复处理。"
        )
    first = received.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    month_query = select(func.count(RequestCase.id)).where(
        same, RequestCase.received_on >= first, RequestCase.received_on < nxt
    )
    if exclude_case_id is not None:
        month_query = month_query.where(RequestCase.id != exclude_case_id)
    count = int(session.scalar(month_query) or 0)
    if count >= FREE_REQUESTS_PER_MONTH:
        n = count + 1
        out.append(
            f"该申请人在{first.year}年{first.month}月已提交 {count} 件申请，本件为第 {n} 件。按国办函〔2020〕109号，"
            f"一个自然月内超过 {FREE_REQUESTS_PER_MONTH} 件的部分可按件收费"
            f"（本件标准 {monthly_fee_per_request(n)} 元），"
            "请评估是否发出收费通知。"
        )
    return out
