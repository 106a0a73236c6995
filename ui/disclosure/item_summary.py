"""One item as HTML for the detail panel and the secrecy-review dialog (plain text escaped)."""

from __future__ import annotations

from datetime import date
from html import escape

from app.disclosure.enums import Decision, DocKind
from app.disclosure.queries import ItemView, category_label, reason_label
from ui.style import pt

_HEAD = "style='color:#0d47a1;margin:12px 0 4px 0'"
_LABEL = "align='right' valign='top' style='color:#666;padding:3px 12px 3px 0;white-space:nowrap'"


def _d(day: date | None) -> str:
    return day.isoformat() if day else ""


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td {_LABEL}>{escape(label)}</td><td style='padding:3px 0'>{escape(value).replace(chr(10), '<br>')}"
        "</td></tr>"
        for label, value in rows if value
    )
    return f"<table cellspacing='0'>{cells}</table>"


def record_rows(v: ItemView) -> list[tuple[str, str]]:
    others = ""
    if v.other_bodies:
        confirmed = f"{_d(v.others_confirmed_on)} 已确认" if v.others_confirmed_on else "尚未确认"
        others = f"{v.other_bodies}（{confirmed}）" + (f"\n{v.others_confirmation}" if v.others_confirmation else "")
    return [
        ("公开类别", category_label(v.category)), ("责任科室", v.section), ("文号", v.doc_no),
        ("文件类型", v.doc_kind.label if v.doc_kind is not DocKind.NONE else ""),
        ("形成/变更日期", _d(v.formed_on)), ("废止日期", _d(v.repealed_on)), ("内容摘要", v.summary),
        ("涉及其他单位", others), ("登记人", v.created_by_name),
    ]


def summary_html(v: ItemView) -> str:
    """Everything recorded about the item, in the order of the workflow."""
    parts = [f"<h4 {_HEAD}>登记信息</h4>", _table(record_rows(v))]
    parts.append(f"<h4 {_HEAD}>保密审查（第六条）</h4>")
    if v.secrecy_reviewed_on is not None:
        parts.append(_table([("审查人", v.secrecy_reviewer), ("审查日期", _d(v.secrecy_reviewed_on)),
                             ("审查意见", v.secrecy_opinion)]))
    else:
        parts.append("<p style='color:#8a5a00'>尚未完成保密审查。</p>")
    if v.signoffs:  # every round, including a refusal and the reviews before a revisit
        parts.append(_table([(f"签批记录 {s.round}", f"{s.signed_at:%Y-%m-%d %H:%M}　{s.signer_name}　{s.decision}"
                                                 + (f"：{s.opinion}" if s.opinion else "")) for s in v.signoffs]))
    if v.decision is not Decision.PENDING:
        parts.append(f"<h4 {_HEAD}>公开方式</h4>")
        parts.append(_table([("决定", v.decision.label), ("不予公开理由（第七条）", reason_label(v.withhold_reason)),
                             ("法律依据", v.legal_basis)]))
    if v.delay_cause:
        parts.append(f"<h4 {_HEAD}>暂缓发布（第九条）</h4>")
        ended = _d(v.delay_ended_on) or "尚未消除"
        parts.append(_table([("法定事由", v.delay_cause), ("事由消除日期", ended)]))
    if v.published_on is not None:
        parts.append(f"<h4 {_HEAD}>发布（第八条）</h4>")
        url = f"<a href='{escape(v.url, quote=True)}'>{escape(v.url)}</a>" if v.url else ""
        parts.append(_table([("发布渠道", "、".join(v.channels)), ("发布日期", _d(v.published_on))]))
        if url:
            parts.append(f"<table cellspacing='0'><tr><td {_LABEL}>网址</td><td style='padding:3px 0'>{url}"
                         "</td></tr></table>")
    return "".join(parts)


def review_html(v: ItemView) -> str:
    """What the section head reads before signing the secrecy review."""
    return (f"<p style='font-size:{pt(12)}pt;font-weight:bold'>{escape(v.item_no)}《{escape(v.title)}》</p>"
            + _table(record_rows(v))
            + "<p style='color:#555'>请审查该信息是否涉及国家秘密、工作秘密、商业秘密和个人隐私，"
              "是否属于第七条所列不予公开的情形，并填写审查意见。</p>")
