"""Checking one imported register row against REGISTER.md and the rules of RULES.md section C.

Pure: no session. File-level checks (duplicate 受理编号, numbers already in the database, the
computed 答复期限) are the importer's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.cases.enums import ApplicantType
from app.cases.outcomes import Outcome, normalize_label
from app.cases.register_rows import (
    COLUMNS,
    ERROR,
    MAX_LENGTHS,
    WARNING,
    Problem,
    RegisterRow,
    norm_key,
    parse_date,
)
from app.cases.validation import id_card_check_digit, normalize_code
from app.errors import ValidationError

_ID_PATTERN = re.compile(r"\d{17}[\dX]", re.ASCII)
_NEEDS_DETAIL = (Outcome.WITHHELD, Outcome.UNAVAILABLE, Outcome.NOT_PROCESSED, Outcome.OTHER)
# Events that cannot happen before the request arrived.
_AFTER_RECEIPT = ("correction_notice_on", "consultation_sent_on", "extension_notified_on", "replied_on")
# Excel keeps 15 significant digits: a longer number typed into a number cell has lost its tail.
_FLOAT_DIGITS = 1e15


def id_check_digit(number: str) -> str | None:
    """The check character an 18-digit resident ID should end with (GB 11643), or None when
    `number` is not shaped like one."""
    value = normalize_code(number)
    return id_card_check_digit(value[:17]) if _ID_PATTERN.fullmatch(value) else None


def _detail_choices(outcome: Outcome) -> str:
    return "、".join(f"{i}.{label}" for i, label in enumerate(outcome.details, start=1))


def read_row(cells: Mapping[str, object], excel_row: int, today: date) -> tuple[RegisterRow | None, list[Problem]]:
    """Parse and check one row (`cells` maps header → raw cell value). The row is None when it
    has an error; warnings come with a row."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    failed: set[str] = set()

    def error(header: str, message: str) -> None:
        problems.append(Problem(excel_row, header, message, ERROR))

    def warn(header: str, message: str) -> None:
        problems.append(Problem(excel_row, header, message, WARNING))

    for col in COLUMNS:
        raw = cells.get(col.header)
        try:
            value = col.parse(raw)
        except ValidationError as exc:
            if col.attr == "due_on":  # computed anyway (REGISTER.md): a bad value only warns
                warn(col.header, f"{exc} 答复期限将按规则计算。")
                values[col.attr] = None
            else:
                error(col.header, str(exc))
                failed.add(col.attr)
            continue
        if col.required and (value is None or value == ""):
            error(col.header, "不能为空。")
            failed.add(col.attr)
        limit = MAX_LENGTHS.get(col.header)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            error(col.header, f"内容过长（{len(value)} 个字符），最多 {limit} 个字符。")
        values[col.attr] = value

    raw_id = cells.get("证件号码")
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool) and abs(raw_id) >= _FLOAT_DIGITS:
        error("证件号码", "证件号码被存成了数字，Excel 已改动了 15 位以后的数字；请把该列设为文本格式后重新填写。")
    elif values.get("applicant_type") is ApplicantType.NATURAL:
        number = values.get("id_number") or ""
        expected = id_check_digit(number)
        if expected is not None and normalize_code(number)[-1] != expected:
            warn("证件号码", f"身份证号码校验位不对（按前17位应为 {expected}），请核对。")

    dates = {c.attr: (c.header, values.get(c.attr)) for c in COLUMNS if c.parse is parse_date}
    for attr, (header, day) in dates.items():
        if attr != "due_on" and day is not None and day > today:
            error(header, f"{day.isoformat()} 晚于今天（{today.isoformat()}）。")
    received = values.get("received_on")
    if received is not None:
        for attr in _AFTER_RECEIPT:
            header, day = dates[attr]
            if day is not None and day < received:
                error(header, f"{day.isoformat()} 早于收到申请日期 {received.isoformat()}。")
        submitted = values.get("submitted_on")
        if submitted is not None and submitted > received:
            warn("提交日期", f"提交日期 {submitted.isoformat()} 晚于收到申请日期，请核对。")
    _check_pair(values, "correction_notice_on", "correction_received_on", "补正告知日期", "补正收到日期", error)
    _check_pair(
        values, "consultation_sent_on", "consultation_answered_on", "征求意见发出日期", "征求意见收回日期", error
    )
    _check_pair(
        values, "consultation_sent_on", "consultation_delivered_on", "征求意见发出日期", "征求意见送达日期", error
    )
    if values.get("consultation_kind") is not None and values.get("consultation_sent_on") is None:
        warn("征求意见对象", "填写了征求意见对象，但没有征求意见发出日期，已忽略此栏。")

    outcome: Outcome | None = values.get("outcome")
    detail_text: str = values.get("outcome_detail") or ""
    values["outcome_detail"] = None
    if values.get("replied_on") is not None and outcome is None and "outcome" not in failed:
        error("办理结果", "填写了答复日期时必须填写办理结果。")
    if outcome is not None and values.get("replied_on") is None and "replied_on" not in failed:
        warn("办理结果", "填写了办理结果但没有答复日期，案件将作为未办结导入。")
    if outcome in _NEEDS_DETAIL:
        assert outcome is not None
        index = _match_detail(outcome, detail_text)
        if not detail_text:
            error("具体情形", f"办理结果为“{outcome.label}”时必须填写具体情形，应为：{_detail_choices(outcome)}。")
        elif index is None:
            choices = _detail_choices(outcome)
            error("具体情形", f"“{detail_text[:40]}”不是“{outcome.label}”的具体情形，应为：{choices}。")
        values["outcome_detail"] = index
    elif detail_text and "outcome" not in failed:
        warn("具体情形", "该办理结果没有具体情形，已忽略此栏。")

    _fact_warnings(values, warn)
    _check_together(values, failed, ("reconsideration_result", "reconsideration_on"),
                    ("行政复议结果", "行政复议日期"), error)
    _check_together(values, failed, ("litigation_kind", "litigation_result", "litigation_on"),
                    ("行政诉讼类型", "行政诉讼结果", "行政诉讼日期"), error)

    if any(p.severity == ERROR for p in problems):
        return None, problems
    return RegisterRow(**values), problems


def _fact_warnings(values: Mapping[str, Any], warn: Callable[[str, str], None]) -> None:
    """A result that asserts a fact the row does not show (RULES.md C.8 end). Old registers were
    kept without these facts, so they stay importable: a warning to check the paper file, not an
    error. The 重复申请 check needs the other rows and the database: the importer does it."""
    outcome, detail = values.get("outcome"), values.get("outcome_detail")
    if outcome is None or detail is None:
        return
    label = f"具体情形为“{outcome.details[detail]}”"
    if outcome is Outcome.OTHER and detail == 0:
        if values.get("correction_notice_on") is None:
            warn("具体情形", f"{label}，但没有补正告知日期；请核对案卷中的补正告知书。")
        elif values.get("correction_received_on") is not None:
            warn("具体情形", f"{label}，但填写了补正收到日期（申请人已补正）；请核对。")
    elif outcome is Outcome.OTHER and detail == 1:
        warn("具体情形", f"{label}；登记台账没有收费通知和缴费记录，请核对案卷中的收费通知书及其送达日期。")
    elif outcome is Outcome.UNAVAILABLE and detail == 2 and values.get("correction_received_on") is None:
        warn("具体情形", f"{label}，但没有补正收到日期；请核对案卷中的补正材料。")
    elif outcome is Outcome.NOT_PROCESSED and detail == 3:
        # 条例第三十五条: the register has no column for the request for reasons or the decision.
        warn("具体情形", f"{label}；登记台账没有要求说明理由和“理由不合理”决定的记录，"
                         "请核对案卷中的说明理由通知书和申请人的答复。")
    elif outcome is Outcome.WITHHELD and detail == 3 and values.get("consultation_sent_on") is None:
        warn("具体情形", f"{label}，但没有征求意见日期；答复书如写明已征求第三方意见，请核对案卷中的征求意见材料。")


def _match_detail(outcome: Outcome, text: str) -> int | None:
    # Also accept the number alone ("2") and the "（三）不予公开 2.…" style; match_detail's rules otherwise.
    wanted = normalize_label(norm_key(text))
    if wanted.isdigit() and 1 <= int(wanted) <= len(outcome.details):
        return int(wanted) - 1
    for index, label in enumerate(outcome.details):
        if normalize_label(norm_key(label)) == wanted:
            return index
    return None


def _check_pair(
    values: Mapping[str, Any], first: str, second: str, first_header: str, second_header: str,
    error: Callable[[str, str], None],
) -> None:
    sent, back = values.get(first), values.get(second)
    if back is None:
        return
    if sent is None:
        error(second_header, f"填写了{second_header}，但没有{first_header}。")
    elif back < sent:
        error(second_header, f"{back.isoformat()} 早于{first_header} {sent.isoformat()}。")


def _check_together(
    values: Mapping[str, Any], failed: set[str], attrs: tuple[str, ...], headers: tuple[str, ...],
    error: Callable[[str, str], None],
) -> None:
    filled = [values.get(a) is not None or a in failed for a in attrs]
    if any(filled) and not all(filled):
        together = "、".join(headers)
        for header, present in zip(headers, filled, strict=True):
            if not present:
                error(header, f"{together}须同时填写，此栏为空。")


