"""转为主动公开 (条例第四十四条): a dialog that registers the information several applicants asked
for as a 主动公开 item, prefilled from the request; the service links the item and the requests."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.changes import RecordKind
from app.disclosure.enums import CATEGORIES
from app.disclosure.from_requests import information_key, register_proactive_item, same_information_cases
from app.disclosure.service import ItemForm
from app.settings import get_setting
from ui.cases.actions import read
from ui.cases.case_view import CaseView
from ui.cases.event_form import submit_change
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext
from ui.translate import translator

_tr = translator("proactive")


def others_asking(ctx: AppContext, case_id: int) -> list[str]:
    """“受理编号（申请人）” of the other applicants who asked for the same information."""
    return read(ctx, lambda s: [f"{c.case_no}（{c.applicant_name}）" for c in same_information_cases(s, case_id)])


def register_dialog(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    others = others_asking(ctx, view.id)
    sections = [str(x) for x in read(ctx, lambda s: list(get_setting(s, "org.sections")))]
    dlg = FormDialog(_tr("转为主动公开（条例第四十四条）"), parent, intro=_tr(
        "多个申请人就相同政府信息申请公开，且该信息属于可以公开的，可以纳入主动公开的范围（条例第四十四条）。"
        "登记后在“主动公开”中按程序审查、发布；公开事项的摘要写明相关申请，各申请件记下公开事项编号。"))
    dlg.add_note(_tr("申请相同信息的其他申请：{items}").format(items="、".join(others) or _tr("无")),
                 warning=not others)
    title = information_key(view.text("content")) or view.text("content")
    dlg.add_line("title", _tr("公开事项标题："), view.text("info_reference") or title)
    dlg.add_choice("category", _tr("公开类别："), [(c, i) for i, c in enumerate(CATEGORIES)], len(CATEGORIES) - 1)
    dlg.add_choice("section", _tr("责任科室："), [(s, s) for s in sections], sections[0] if sections else None)
    dlg.add_date("formed_on", _tr("信息形成日期："), today)
    dlg.add_text("summary", _tr("内容摘要："), "")
    return submit_change(dlg, ctx, lambda s, d: register_proactive_item(
        s, ctx.actor, view.id, ItemForm(title=d.text("title"), category=int(str(d.choice("category"))),
                                       section=str(d.choice("section") or ""), formed_on=d.date("formed_on"),
                                       summary=d.text("summary")), today),
        (RecordKind.CASES, RecordKind.DISCLOSURE))
