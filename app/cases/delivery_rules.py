"""How a reply left the office, as a court would ask it (RULES.md C.10, C.13): a reply by post
carries its EMS / 挂号 mail number — the proof of sending the archive needs — or the recorded
reason it has none; a reply sent “another way” (其他) says which way. The number is checked for
the shape China Post prints, so a phone number or a typo is caught before the letter leaves.
"""

from __future__ import annotations

import re

from app.cases.enums import DeliveryMethod
from app.errors import ValidationError

# UPU S10 (EMS “E?…CN”, 挂号 “R?…CN”, 国内 EMS also “1100…” with 13 digits).
_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_DIGITS = re.compile(r"^\d{13}$")
NOTE_MAX = 300


def delivery_facts(method: DeliveryMethod, tracking_no: str, note: str) -> tuple[str, str]:
    """(tracking number as stored, note as stored), or a refusal naming what to fill in."""
    number = re.sub(r"[\s-]", "", tracking_no).upper()
    text = note.strip()
    if len(text) > NOTE_MAX:
        raise ValidationError(f"送达说明最多 {NOTE_MAX} 字，请精简。", field="delivery_note")
    if number and not (_S10.match(number) or _DIGITS.match(number)):
        raise ValidationError(
            f"邮件号“{tracking_no.strip()}”格式不对：EMS、挂号信的邮件号为 13 位，如“EA123456789CN”"
            "（2 个字母＋9 位数字＋2 个字母）或“1100123456789”（13 位数字）。请对照邮寄单据填写。",
            field="tracking_no")
    if method is DeliveryMethod.POST:
        if not number and not text:
            raise ValidationError(
                "邮寄送达须填写 EMS 或挂号信的邮件号（存档须有邮寄凭证）；确实没有邮件号的（如以平信寄出），"
                "请在“送达说明”中写明原因。", field="tracking_no")
        return number, text
    if number:
        raise ValidationError(
            f"送达方式为“{method.label}”，不应填写邮件号。邮寄的请把送达方式选为“邮寄”。", field="tracking_no")
    if method is DeliveryMethod.OTHER and not text:
        raise ValidationError("送达方式为“其他”时，请在“送达说明”中写明以何种方式送达。", field="delivery_note")
    return "", text
