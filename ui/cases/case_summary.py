"""申请信息: a case's registration as two columns (applicant / request) with the content below."""

from __future__ import annotations

from datetime import date
from html import escape

from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from ui.cases.case_view import CaseView

APPLICANT_FIELDS: tuple[tuple[str, str], ...] = (
    ("applicant_name", "申请人"), ("applicant_type", "申请人类型"), ("id_type", "证件类型"), ("id_number", "证件号码"),
    ("legal_representative", "法定代表人"), ("contact_person", "联系人"), ("phone", "联系电话"),
    ("email", "电子邮箱"), ("address", "通信地址"), ("postcode", "邮政编码"), ("agent_name", "代理人"),
    ("agent_id_number", "代理人证件号码"), ("agent_phone", "代理人电话"),
)
REQUEST_FIELDS: tuple[tuple[str, str], ...] = (
    ("channel", "申请方式"), ("submitted_on", "提交日期"), ("channel_date", "确认/签收日期"),
    ("received_on", "收到申请日期"), ("receipt_rule", "收到日期依据"), ("info_reference", "文号或描述"),
    ("form_wanted", "获取信息方式"), ("delivery_method", "送达方式"), ("remarks", "备注"),
    ("created_by_name", "登记人"),
)


def _summary_value(v: CaseView, key: str) -> str:
    raw = v.get(key)
    if raw in (None, ""):
        return ""
    if key == "applicant_type":
        return ApplicantType(str(raw)).label
    if key == "channel":
        return Channel(str(raw)).label
    if key == "delivery_method":
        return DeliveryMethod(str(raw)).label
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


def _fields_table(v: CaseView, fields: tuple[tuple[str, str], ...]) -> str:
    rows = []
    for key, label in fields:
        value = _summary_value(v, key)
        if value:
            rows.append(f"<tr><td align='right' style='color:#666;padding:3px 10px 3px 0'>{label}</td>"
                        f"<td style='padding:3px 0'>{escape(value)}</td></tr>")
    return f"<table cellspacing='0'>{''.join(rows)}</table>"


def summary_html(v: CaseView) -> str:
    """The registration as two columns (applicant / request) with the content below."""
    head = "style='color:#0d47a1;margin:0 0 6px 0'"
    content = escape(v.text("content")).replace("\n", "<br>")
    return (
        "<table width='100%' cellspacing='0'><tr>"
        f"<td width='50%' valign='top'><h4 {head}>申请人</h4>{_fields_table(v, APPLICANT_FIELDS)}</td>"
        f"<td width='50%' valign='top'><h4 {head}>申请</h4>{_fields_table(v, REQUEST_FIELDS)}</td>"
        f"</tr></table><h4 style='color:#0d47a1;margin:14px 0 6px 0'>申请内容</h4>"
        f"<p style='line-height:150%'>{content}</p>"
    )
