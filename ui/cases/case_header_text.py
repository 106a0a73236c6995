"""The texts of a case's header: the 答复期限 line (with its emphasis) and the next-step hint."""

from __future__ import annotations

from collections.abc import Callable

from app.cases.enums import CaseStatus
from ui.cases.case_view import CaseView
from ui.style import Colour, Sheet


def due_line(v: CaseView, tr: Callable[[str], str]) -> tuple[str, str]:
    """The due date (or the reply and delivery dates) and the style sheet saying how urgent it is."""
    replied = v.date_of("replied_on")
    style = Sheet.LARGE
    if replied is not None:
        text = tr("已于 {d} 答复").format(d=replied.isoformat())
        delivered = v.date_of("delivered_on")
        if delivered:
            text += tr("，{d} 送达").format(d=delivered.isoformat())
    elif v.due_on is None:
        text = tr("答复期限：等待补正，暂停计算")
    else:
        text = tr("答复期限：{d}").format(d=v.due_on.isoformat())
        if v.date_of("excessive_due_on") is not None:  # a date fixed and told, not 20 working days
            text += tr("（依第三十五条确定的合理期限）")
        if v.due_unconfirmed:
            text += tr("（未确认）")
        if v.days_left is not None:
            if v.days_left < 0:
                text += tr("　已超期 {n} 个工作日").format(n=-v.days_left)
                style += Sheet.bold_colour(Colour.ERROR)
            else:
                text += tr("　剩余 {n} 个工作日").format(n=v.days_left)
                if v.days_left <= 3:
                    style += Sheet.bold_colour(Colour.WARN)
    return text, style


def next_step_hint(v: CaseView, tr: Callable[[str], str]) -> str:
    """What the clerk does next with the case, by its status."""
    s = v.status
    hints = {
        CaseStatus.REGISTERED: tr("下一步：审核申请，点“开始办理”"),
        CaseStatus.AWAITING_CORRECTION: tr("下一步：等待申请人补正，收到后在“办理过程”登记"),
        CaseStatus.IN_PROGRESS: tr("下一步：办理完毕后在“答复”中起草答复书"),
        CaseStatus.AWAITING_APPROVAL: tr("下一步：司法局审核、领导审定后发送答复"),
        CaseStatus.CLOSED: tr("下一步：补齐案卷材料后归档"),
        CaseStatus.ARCHIVED: tr("已归档，只读"),
    }
    hint = hints[s]
    if s is CaseStatus.AWAITING_APPROVAL and v.date_of("replied_on"):
        hint = tr("下一步：送达后登记送达日期")
    elif s is CaseStatus.IN_PROGRESS and v.date_of("delivered_on"):
        hint = tr("已重新打开：改正后在“答复”中点“重新办结”，或起草新的答复书")
    elif s is CaseStatus.IN_PROGRESS and v.open_consultation() is not None:
        hint = tr("正在征求意见，期间不计入答复期限")
    return hint
