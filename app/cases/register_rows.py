"""One row of the request register (REGISTER.md) as plain data, and its cell values both ways.

`RegisterRow` holds exactly the register's fields; `COLUMNS` says, per header, which field it is,
how wide it prints and how a cell value is parsed; `row_values` gives the cells for an export and
`read_row` turns the cells of an imported row into a `RegisterRow` plus the problems found in it.
Everything here is pure (no session), so the importer can check a whole file before writing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod, LitigationKind, RemedyResult
from app.cases.outcomes import Outcome
from app.cases.text_limits import text_limit
from app.errors import ValidationError

ERROR = "error"
WARNING = "warning"


class Problem(NamedTuple):
    """What is wrong with one cell (or one row when `column` is empty) of an imported register."""

    row: int  # Excel row number, 1-based as the user sees it
    column: str  # the header text
    message: str  # a Chinese sentence
    severity: str  # ERROR or WARNING

    def line(self) -> str:
        kind = "" if self.severity == ERROR else "（提示）"
        where = f"第{self.row}行 {self.column}" if self.column else f"第{self.row}行"
        return f"{where}：{kind}{self.message}"


@dataclass
class RegisterRow:
    case_no: str
    applicant_type: ApplicantType
    applicant_name: str
    channel: Channel
    received_on: date
    content: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    submitted_on: date | None = None
    correction_notice_on: date | None = None
    correction_received_on: date | None = None
    consultation_sent_on: date | None = None
    consultation_answered_on: date | None = None
    consultation_kind: ConsultationKind | None = None  # 征求意见对象; None = 第三方 (REGISTER.md)
    consultation_delivered_on: date | None = None  # 征求意见送达日期
    extension_notified_on: date | None = None
    due_on: date | None = None
    replied_on: date | None = None
    outcome: Outcome | None = None
    outcome_detail: int | None = None  # index into outcome.details
    reply_doc_no: str = ""
    delivery_method: DeliveryMethod | None = None
    tracking_no: str = ""
    reconsideration_result: RemedyResult | None = None
    reconsideration_on: date | None = None
    litigation_kind: LitigationKind | None = None
    litigation_result: RemedyResult | None = None
    litigation_on: date | None = None
    remarks: str = ""


# ---------------------------------------------------------------- cell values -> field values

_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})", re.ASCII),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日", re.ASCII),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})", re.ASCII),
)
# Serial numbers of a date cell whose date format was lost (1954–2119); anything else is not a date.
_SERIAL_RANGE = (20_000.0, 80_000.0)
_DATE_HINT = "请填写日期，如 2024-03-05、2024/3/5 或 2024年3月5日。"


def date_serial(value: object, epoch: datetime) -> object:
    """A date cell whose format was lost holds a bare serial number, counted from the workbook's own
    epoch: 1900 (Windows Excel) or 1904 (old Mac Excel, "使用 1904 日期系统"), four years apart. A
    1904 serial becomes the datetime it means; anything else is left to parse_date."""
    if epoch == CALENDAR_WINDOWS_1900 or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    low, high = _SERIAL_RANGE
    return from_excel(value, epoch=epoch) if low <= value <= high else value


def parse_date(value: object) -> date | None:
    """A cell as a date (None when empty); ValidationError for anything that is not one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = _SERIAL_RANGE
        if low <= value <= high:
            serial = from_excel(value)
            return serial.date() if isinstance(serial, datetime) else None
        raise ValidationError(f"“{value}”不是日期。{_DATE_HINT}")
    if not isinstance(value, str):
        raise ValidationError(f"“{value}”不是日期。{_DATE_HINT}")
    # NFKC folds full-width digits; spaces inside ("2024 年 3 月 5 日") carry no meaning.
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if not text:
        return None
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValidationError(f"“{value}”不是有效日期（没有这一天）。") from None
    raise ValidationError(f"“{value[:40]}”不是日期。{_DATE_HINT}")


def date_text(day: date, form: int = 0) -> str:
    """`day` in accepted text form `form` (0: 2024-03-05, 1: 2024/3/5, 2: 2024年3月5日)."""
    if form == 0:
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if form == 1:
        return f"{day.year:04d}/{day.month}/{day.day}"
    return f"{day.year:04d}年{day.month}月{day.day}日"


def cell_text(value: object) -> str:
    """A cell as text. Whole numbers lose Excel's ".0" (a phone number typed as a number)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value).strip()


def norm_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


E = TypeVar("E", bound=Enum)


def _label_parser(
    members: Mapping[str, E], header: str, shown: str
) -> Callable[[object], E | None]:
    table = {norm_key(label): member for label, member in members.items()}

    def parse(value: object) -> E | None:
        text = cell_text(value)
        if not text:
            return None
        found = table.get(norm_key(text))
        if found is None:
            raise ValidationError(f"“{text[:40]}”不是有效的{header}，应为：{shown}。")
        return found

    return parse


parse_applicant_type = _label_parser(
    {t.label: t for t in ApplicantType}, "申请人类型", "、".join(t.label for t in ApplicantType)
)
# Bare 信函 is what the register writes; the application's own labels tell registered from ordinary
# post. An old register does not say which, so 信函 is read as registered post (the usual way a
# letter reaches a government office; the receipt date rule then is "the day the office signed").
parse_channel = _label_parser(
    {"信函": Channel.LETTER_REGISTERED, "挂号信": Channel.LETTER_REGISTERED, "平信": Channel.LETTER_ORDINARY,
     **{c.label: c for c in Channel}},
    "申请方式", "互联网、信函、当面、传真、其他",
)
parse_outcome = _label_parser(
    {**{o.label: o for o in Outcome}, **{o.row_label: o for o in Outcome}},
    "办理结果", "、".join(o.label for o in Outcome),
)
parse_delivery = _label_parser(
    {"EMS": DeliveryMethod.POST, "邮政EMS": DeliveryMethod.POST, "快递": DeliveryMethod.POST,
     "邮件": DeliveryMethod.EMAIL, "当面": DeliveryMethod.IN_PERSON, **{d.label: d for d in DeliveryMethod}},
    "送达方式", "、".join(d.label for d in DeliveryMethod),
)
# 征求意见对象 (REGISTER.md): the register's short words, and the application's own labels.
CONSULTATION_PARTY_LABELS: dict[ConsultationKind, str] = {
    ConsultationKind.THIRD_PARTY: "第三方", ConsultationKind.DEPARTMENT: "部门",
    ConsultationKind.CO_PRODUCER: "共同制作机关",
}
parse_consultation_kind = _label_parser(
    {**{label: k for k, label in CONSULTATION_PARTY_LABELS.items()}, "部门协商": ConsultationKind.DEPARTMENT,
     **{k.label: k for k in ConsultationKind}},
    "征求意见对象", "第三方、部门、共同制作机关",
)
parse_remedy_result = _label_parser(
    {r.label: r for r in RemedyResult}, "结果", "、".join(r.label for r in RemedyResult)
)
parse_litigation_kind = _label_parser(
    {k.label: k for k in LitigationKind}, "行政诉讼类型", "、".join(k.label for k in LitigationKind)
)


# ---------------------------------------------------------------- the columns

def _label(value: Any) -> str:
    return "" if value is None else str(value.label)


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    width: float
    parse: Callable[[object], Any]  # cell -> field value; raises ValidationError
    show: Callable[[Any], object]  # field value -> cell value
    required: bool = False


def _text_col(header: str, attr: str, width: float, required: bool = False) -> Column:
    return Column(header, attr, width, cell_text, _same, required)


def _date_col(header: str, attr: str, required: bool = False) -> Column:
    return Column(header, attr, 11.5, parse_date, _same, required)


COLUMNS: tuple[Column, ...] = (
    _text_col("受理编号", "case_no", 20, required=True),
    Column("申请人类型", "applicant_type", 11, parse_applicant_type, _label, required=True),
    _text_col("申请人", "applicant_name", 14, required=True),
    _text_col("证件号码", "id_number", 20),
    _text_col("联系电话", "phone", 13),
    _text_col("电子邮箱", "email", 18),
    _text_col("通信地址", "address", 22),
    Column("申请方式", "channel", 8, parse_channel, lambda c: c.register_label, required=True),
    _date_col("提交日期", "submitted_on"),
    _date_col("收到申请日期", "received_on", required=True),
    _text_col("申请内容", "content", 36, required=True),
    _date_col("补正告知日期", "correction_notice_on"),
    _date_col("补正收到日期", "correction_received_on"),
    _date_col("征求意见发出日期", "consultation_sent_on"),
    _date_col("征求意见收回日期", "consultation_answered_on"),
    Column("征求意见对象", "consultation_kind", 10, parse_consultation_kind,
           lambda k: CONSULTATION_PARTY_LABELS[k] if k else ""),
    _date_col("征求意见送达日期", "consultation_delivered_on"),
    _date_col("延期告知日期", "extension_notified_on"),
    _date_col("答复期限", "due_on"),
    _date_col("答复日期", "replied_on"),
    Column("办理结果", "outcome", 9, parse_outcome, _label),
    Column("具体情形", "outcome_detail", 18, cell_text, _same),  # resolved against 办理结果 in read_row
    _text_col("答复书文号", "reply_doc_no", 20),
    Column("送达方式", "delivery_method", 9, parse_delivery, _label),
    _text_col("邮寄单号", "tracking_no", 15),
    Column("行政复议结果", "reconsideration_result", 9, parse_remedy_result, _label),
    _date_col("行政复议日期", "reconsideration_on"),
    Column("行政诉讼类型", "litigation_kind", 14, parse_litigation_kind, _label),
    Column("行政诉讼结果", "litigation_result", 9, parse_remedy_result, _label),
    _date_col("行政诉讼日期", "litigation_on"),
    _text_col("备注", "remarks", 20),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
WIDTHS: tuple[float, ...] = tuple(c.width for c in COLUMNS)
REQUIRED_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.required)
DATE_HEADERS: frozenset[str] = frozenset(c.header for c in COLUMNS if c.parse is parse_date)
_BY_HEADER = {c.header: c for c in COLUMNS}
_DETAIL_INDEX = HEADERS.index("具体情形")

# The database's length limits (PostgreSQL enforces them; checking here keeps the import atomic), and
# the form's own limits of the texts stored without one (申请内容, 备注).
MAX_LENGTHS: dict[str, int] = {c.header: n for c in COLUMNS if (n := text_limit(c.attr)) is not None}


# Per column: the field name and, when the value is not written as it is, its conversion. Kept
# as a flat list because row_values runs once per case on every export (10,000+ rows).
_CELL_SPEC: tuple[tuple[str, Callable[[Any], object] | None], ...] = tuple(
    (c.attr, None if c.show is _same else c.show) for c in COLUMNS
)


def row_values(row: RegisterRow) -> list[Any]:
    """The cells of `row` in header order: text as str, dates as date, empty as None."""
    fields = row.__dict__
    # Every non-empty value is truthy (text, dates, labels), so `or None` only blanks "" and None.
    values = [(fields[attr] if show is None else show(fields[attr])) or None for attr, show in _CELL_SPEC]
    outcome, detail = row.outcome, row.outcome_detail
    values[_DETAIL_INDEX] = (
        outcome.details[detail] if outcome is not None and detail is not None and detail < len(outcome.details)
        else None
    )
    return values


# ---------------------------------------------------------------- a stored case

# Code → member tables: a dict lookup is several times cheaper than calling the enum class, and
# an unknown or empty optional code (written by a newer version) simply leaves the cell empty.
_APPLICANT_TYPES = {m.value: m for m in ApplicantType}
_CHANNELS = {m.value: m for m in Channel}
_OUTCOMES = {m.value: m for m in Outcome}
_DELIVERY = {m.value: m for m in DeliveryMethod}
_REMEDY = {m.value: m for m in RemedyResult}
_LITIGATION = {m.value: m for m in LitigationKind}
_CONSULTATION_KINDS = {m.value: m for m in ConsultationKind}
_CONSULTATION_LABELS = {m.value: label for m, label in CONSULTATION_PARTY_LABELS.items()}


# The register's 答复期限 is a date cell; a date fixed under 条例第三十五条 is no count of working days,
# so 备注 says so (and the importer reads it back as that fixed date).
FIXED_DUE_REMARK = "答复期限依第三十五条确定"


def remarks_of(case: Any) -> str:
    remarks = case.remarks or ""
    if getattr(case, "excessive_due_on", None) is None or FIXED_DUE_REMARK in remarks:
        return remarks
    return f"{FIXED_DUE_REMARK}；{remarks}" if remarks else FIXED_DUE_REMARK


def row_from_case(
    case: Any, consultation_sent_on: date | None = None, consultation_answered_on: date | None = None,
    consultation_kind: str | None = None, consultation_delivered_on: date | None = None,
) -> RegisterRow:
    """The register row of `case` (a RequestCase or a result row with the same column names).

    The register has one consultation pair: callers pass the earliest 发出 and, when every
    consultation was answered, the latest 收回; the 对象 and 送达日期 are the first consultation's."""
    delivery = case.reply_delivery_method or case.delivery_method
    return RegisterRow(
        case_no=case.case_no,
        applicant_type=_APPLICANT_TYPES[case.applicant_type],
        applicant_name=case.applicant_name,
        channel=_CHANNELS[case.channel],
        received_on=case.received_on,
        content=case.content,
        id_number=case.id_number,
        phone=case.phone,
        email=case.email,
        address=case.address,
        submitted_on=case.submitted_on,
        correction_notice_on=case.correction_notice_on,
        correction_received_on=case.correction_received_on,
        consultation_sent_on=consultation_sent_on,
        consultation_answered_on=consultation_answered_on,
        consultation_kind=_CONSULTATION_KINDS.get(consultation_kind or ""),
        consultation_delivered_on=consultation_delivered_on,
        extension_notified_on=case.extension_notified_on,
        due_on=case.due_on,
        replied_on=case.replied_on,
        outcome=_OUTCOMES.get(case.outcome),
        outcome_detail=case.outcome_detail,
        reply_doc_no=case.reply_doc_no,
        delivery_method=_DELIVERY.get(delivery),
        tracking_no=case.tracking_no,
        reconsideration_result=_REMEDY.get(case.reconsideration_result),
        reconsideration_on=case.reconsideration_on,
        litigation_kind=_LITIGATION.get(case.litigation_kind),
        litigation_result=_REMEDY.get(case.litigation_result),
        litigation_on=case.litigation_on,
        remarks=remarks_of(case),
    )


def _labels(members: dict[str, Any]) -> dict[str, str]:
    return {code: member.label for code, member in members.items()}


_APPLICANT_LABELS = _labels(_APPLICANT_TYPES)
_CHANNEL_LABELS = {code: member.register_label for code, member in _CHANNELS.items()}
_OUTCOME_LABELS = _labels(_OUTCOMES)
_DELIVERY_LABELS = _labels(_DELIVERY)
_REMEDY_LABELS = _labels(_REMEDY)
_LITIGATION_LABELS = _labels(_LITIGATION)


def case_cells(case: Any, consultation_sent_on: date | None = None,
               consultation_answered_on: date | None = None, consultation_kind: str | None = None,
               consultation_delivered_on: date | None = None) -> list[Any]:
    """row_values(row_from_case(case, …)) in one step, for the export's hot loop (a test keeps
    the two equal): no intermediate dataclass, codes straight to labels."""
    outcome = _OUTCOMES.get(case.outcome)
    detail = case.outcome_detail
    return [
        case.case_no, _APPLICANT_LABELS[case.applicant_type], case.applicant_name, case.id_number or None,
        case.phone or None, case.email or None, case.address or None, _CHANNEL_LABELS[case.channel],
        case.submitted_on, case.received_on, case.content or None, case.correction_notice_on,
        case.correction_received_on, consultation_sent_on, consultation_answered_on,
        _CONSULTATION_LABELS.get(consultation_kind or ""), consultation_delivered_on, case.extension_notified_on,
        case.due_on, case.replied_on, outcome.label if outcome else None,
        outcome.details[detail] if outcome and detail is not None and detail < len(outcome.details) else None,
        case.reply_doc_no or None, _DELIVERY_LABELS.get(case.reply_delivery_method or case.delivery_method),
        case.tracking_no or None, _REMEDY_LABELS.get(case.reconsideration_result), case.reconsideration_on,
        _LITIGATION_LABELS.get(case.litigation_kind), _REMEDY_LABELS.get(case.litigation_result),
        case.litigation_on, remarks_of(case) or None,
    ]
