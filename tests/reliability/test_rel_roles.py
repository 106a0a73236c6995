"""Roles: every service that changes a record, called by each role, refuses exactly the wrong ones.

SERVICES lists each public service of app/cases, review, disclosure, annual, auth, settings and
workdays that takes (session, actor, …), the roles that may call it and the arguments it needs.
Each call runs in its own transaction that is rolled back, so every role meets the same record
in the same state. test_every_actor_taking_service_is_listed keeps the list complete.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app import paths
from app.annual import report_export as annual_export
from app.annual import service as annual
from app.annual import statistics_export
from app.auth import service as auth
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases import (
    archive,
    case_file,
    excessive,
    fees,
    handling,
    handling_form,
    intake,
    letter_file,
    letters,
    receipt_template,
    register_export,
    register_import,
    remedies,
    reply,
    reprint,
)
from app.cases.enums import ConsultationKind, DeliveryMethod, LitigationKind, RemedyResult
from app.cases.outcomes import ReplyType
from app.cases.register_rows import HEADERS
from app.context import Actor
from app.disclosure import catalogue, figures, from_requests
from app.disclosure import register_export as disclosure_export
from app.disclosure import service as disclosure
from app.disclosure.enums import Decision as ItemDecision
from app.errors import PermissionDenied
from app.review import inspections, posts, wordlists_db, workflow
from app.review import register_export as post_export
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ChangeKind, ReviewStage, SourceKind, WordListKind
from app.settings import registry
from app.signoff.service import Decision
from app.workdays import service as workdays
from app.workdays.calendar import WorkCalendar
from tests.cases.test_cases_receipt_template_update import _old_template
from tests.conftest import TEST_PASSWORD
from tests.reliability.rel_worker import TODAY, a_form
from tests.seen_hashes import (
    approve_reply_seen,
    justice_review_seen,
    lock_annual_seen,
    review_seen,
    secrecy_review_seen,
    seen_annual,
    seen_extension,
    seen_item,
    seen_post,
    seen_reply,
    seen_state,
)

ALL = frozenset(Role)
CASE = frozenset({Role.DISCLOSURE_STAFF, Role.ADMIN})
CLERK = frozenset({Role.DISCLOSURE_STAFF, Role.EDITOR, Role.ADMIN})
ADMIN = frozenset({Role.ADMIN})
OK = {item: workflow.ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}
CAL = WorkCalendar()
PDF = b"%PDF-1.4 test"


@dataclass(frozen=True)
class Spec:
    name: str  # module.function, as the completeness scan names it
    allowed: frozenset[Role] | None  # None: any named user
    call: Callable[[Any, Actor, dict[str, Any]], object]


def _post_form(**kw: object) -> posts.PostForm:
    form = posts.PostForm(title="关于优化营商环境的通知", target="政策文件", body="正文",
                          source_kind=SourceKind.REPRINT,
                          source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 9, 30),
                          source_url="https://www.gov.cn/zhengce/content/1.htm")
    for k, v in kw.items():
        setattr(form, k, v)
    return form


def _item_form(**kw: object) -> disclosure.ItemForm:
    form = disclosure.ItemForm(title="关于印发某某办法的通知", category=2, section="文书科", formed_on=date(2024, 6, 3))
    for k, v in kw.items():
        setattr(form, k, v)
    return form


S = Spec
def _lock_2023(s: Any, a: Actor) -> object:
    # Parts 一 and 五 must be written before a year can be locked (rolled back with the attempt).
    if not annual.report_state(s, 2023).version:
        annual.save_texts(s, Actor.system(), 2023, "概述", "问题", "其他", 0)
    return annual.lock_year(s, a, 2023, TODAY, seen_hash=seen_annual(s, 2023))


def _export_2023(s: Any, a: Actor, out: Path) -> object:
    # Parts 一 and 五 must be written before the report can be exported (rolled back with the attempt).
    if not annual.report_state(s, 2023).version:
        annual.save_texts(s, Actor.system(), 2023, "概述", "问题", "其他", 0)
    return annual_export.export_annual_report(s, a, 2023, out, today=TODAY)


def _asked_for_reasons(s: Any, w: dict[str, Any]) -> object:
    """第三十五条: reasons asked for by someone holding none of the test roles (rolled back with the attempt)."""
    return excessive.ask_for_reasons(s, Actor.system(), w["c_reg"], date(2024, 3, 6), "本年度已提出申请86件",
                                     date(2024, 3, 13), today=TODAY)


SERVICES: tuple[Spec, ...] = (
    # 依申请公开
    S("cases.intake.register_case", CASE, lambda s, a, w: intake.register_case(s, a, a_form(9), TODAY)),
    S("cases.intake.update_case", CASE, lambda s, a, w: intake.update_case(
        s, a, w["c_reg"], a_form(1, phone="13900001111"), w["c_reg_v"], today=TODAY)),
    S("cases.handling.start_handling", CASE, lambda s, a, w: handling.start_handling(s, a, w["c_reg"], today=TODAY)),
    S("cases.handling.send_correction_notice", CASE, lambda s, a, w: handling.send_correction_notice(
        s, a, w["c_reg"], date(2024, 3, 5), "请写明年份", date(2024, 3, 20), today=TODAY)),
    S("cases.handling.record_correction_received", CASE, lambda s, a, w: handling.record_correction_received(
        s, a, w["c_corr"], date(2024, 3, 10), today=TODAY)),
    S("cases.handling.close_for_no_correction", CASE, lambda s, a, w: handling.close_for_no_correction(
        s, a, w["c_corr"], date(2024, 3, 25), today=TODAY)),
    S("cases.handling.add_consultation", CASE, lambda s, a, w: handling.add_consultation(
        s, a, w["c_reg"], ConsultationKind.THIRD_PARTY, "某公司", "是否同意公开", date(2024, 3, 6), today=TODAY)),
    S("cases.handling.answer_consultation", CASE, lambda s, a, w: handling.answer_consultation(
        s, a, w["consultation"], date(2024, 3, 8), "agree", "", "disclose", "", today=TODAY)),
    S("cases.handling.record_consultation_delivery", CASE, lambda s, a, w: handling.record_consultation_delivery(
        s, a, w["consultation"], date(2024, 3, 7), today=TODAY)),
    S("cases.fees.record_fee_notice_received", CASE, lambda s, a, w: fees.record_fee_notice_received(
        s, a, w["c_fee"], date(2024, 3, 7), today=TODAY)),
    S("cases.excessive.ask_for_reasons", CASE, lambda s, a, w: excessive.ask_for_reasons(
        s, a, w["c_reg"], date(2024, 3, 6), "本年度已提出申请86件", date(2024, 3, 13), today=TODAY)),
    S("cases.excessive.record_reasons", CASE, lambda s, a, w: (_asked_for_reasons(s, w), excessive.record_reasons(
        s, a, w["c_reg"], date(2024, 3, 11), "系课题研究需要", today=TODAY))),
    S("cases.excessive.decide", CASE, lambda s, a, w: (_asked_for_reasons(s, w), excessive.decide(
        s, a, w["c_reg"], "decline", date(2024, 3, 14), "申请人未说明理由", today=TODAY))),
    S("cases.handling.extend_deadline", CASE, lambda s, a, w: handling.extend_deadline(
        s, a, w["c_reg"], date(2024, 3, 20), "需要调取档案", w["approver"], "同意", today=TODAY,
            seen_hash=seen_extension(s, w["c_reg"], "需要调取档案"))),
    S("cases.handling.record_fee_notice", CASE, lambda s, a, w: handling.record_fee_notice(
        s, a, w["c_reg"], date(2024, 3, 6), "per_page", 40, today=TODAY)),
    S("cases.handling.record_fee_paid", CASE, lambda s, a, w: handling.record_fee_paid(
        s, a, w["c_fee"], date(2024, 3, 8), today=TODAY)),
    S("cases.fees.close_for_fee_unpaid", CASE, lambda s, a, w: fees.close_for_fee_unpaid(
        s, a, w["c_fee"], date(2024, 4, 8), today=TODAY)),
    S("cases.reply.save_reply_draft", CASE, lambda s, a, w: reply.save_reply_draft(
        s, a, w["c_reg"], ReplyType.DISCLOSABLE, None, "答复正文", today=TODAY)),
    S("cases.reply.record_justice_review", CASE, lambda s, a, w: reply.record_justice_review(
        s, a, w["c_draft"], date(2024, 3, 20), "无意见", today=TODAY, seen_state=seen_state(s, w["c_draft"]))),
    S("cases.reply.approve_reply", frozenset({Role.LEADER_IN_CHARGE}), lambda s, a, w: reply.approve_reply(
        s, a, w["c_reviewed"], reply.STEP_LEADER, Decision.APPROVE, "同意", today=TODAY,
            seen_hash=seen_reply(s, w["c_reviewed"]))),
    S("cases.reply.send_reply", CASE, lambda s, a, w: reply.send_reply(
        s, a, w["c_signed"], date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)),
    S("cases.reply.record_delivery", CASE, lambda s, a, w: reply.record_delivery(
        s, a, w["c_sent"], date(2024, 3, 27), today=TODAY)),
    S("cases.reply.reopen_case", CASE, lambda s, a, w: reply.reopen_case(s, a, w["c_closed"], "更正", today=TODAY)),
    S("cases.remedies.record_reconsideration", CASE, lambda s, a, w: remedies.record_reconsideration(
        s, a, w["c_closed"], date(2024, 4, 10), RemedyResult.UPHELD, today=TODAY)),
    S("cases.remedies.record_litigation", CASE, lambda s, a, w: remedies.record_litigation(
        s, a, w["c_closed"], date(2024, 4, 10), LitigationKind.DIRECT, RemedyResult.UPHELD, today=TODAY)),
    S("cases.archive.add_document", CASE, lambda s, a, w: archive.add_document(
        s, a, w["c_reg"], "other", "a.pdf", PDF)),
    S("cases.archive.remove_document", CASE, lambda s, a, w: archive.remove_document(s, a, w["doc"])),
    S("cases.archive.archive_case", CASE, lambda s, a, w: archive.archive_case(s, a, w["c_closed"])),
    S("cases.archive.check_archive", CASE, lambda s, a, w: archive.check_archive(s, a, w["c_closed"])),
    S("cases.reply.check_send_reply", CASE, lambda s, a, w: reply.check_send_reply(
        s, a, w["c_signed"], date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)),
    S("cases.reprint.print_copy", CASE, lambda s, a, w: reprint.print_copy(s, a, w["letter_doc"])),
    S("cases.receipt_template.update_receipt_template", CASE, lambda s, a, w: receipt_template.update_receipt_template(
        s, a, w["old_templates"], datetime(2024, 6, 28, 9, 0))),
    S("cases.handling_form.handling_form", CASE, lambda s, a, w: handling_form.handling_form(
        s, a, w["c_reg"], TODAY, datetime(2024, 6, 28, 9, 0))),
    S("cases.letters.generate_letter", CASE, lambda s, a, w: letters.generate_letter(
        s, a, w["c_reg"], "receipt", w["templates"], letter_date=date(2024, 3, 4))),
    S("cases.letter_file.issue_letter", CASE, lambda s, a, w: letter_file.issue_letter(
        s, a, w["c_reg"], "receipt", w["templates"], letter_date=date(2024, 3, 4))),
    S("cases.register_import.import_register", CASE, lambda s, a, w: register_import.import_register(
        s, a, w["register"], TODAY)),
    S("cases.case_file.export_case_file", frozenset(register_export.EXPORT_ROLES),
      lambda s, a, w: case_file.export_case_file(s, a, w["c_closed"], w["out"] / "case.zip")),
    S("cases.register_import.import_checked", CASE, lambda s, a, w: register_import.import_checked(
        s, a, register_import.read_register(s, w["register"], TODAY))),
    S("cases.letter_file.issue_letter", CASE, lambda s, a, w: letter_file.issue_letter(
        s, a, w["c_reg"], "receipt", w["templates"], letter_date=date(2024, 3, 4))),
    S("cases.register_export.export_register", frozenset(register_export.EXPORT_ROLES),
      lambda s, a, w: register_export.export_register(s, a, w["out"] / "cases.xlsx", year=2024)),
    # 发布审核
    S("review.posts.create_post", frozenset({Role.EDITOR, Role.ADMIN}),
      lambda s, a, w: posts.create_post(s, a, _post_form(), today=TODAY)),
    S("review.posts.update_post", ADMIN, lambda s, a, w: posts.update_post(
        s, a, w["p_draft"], _post_form(body="改"), w["p_draft_v"])),
    S("review.posts.add_attachment", ADMIN, lambda s, a, w: posts.add_attachment(s, a, w["p_draft"], "a.pdf", PDF)),
    S("review.workflow.submit", ADMIN, lambda s, a, w: workflow.submit(s, a, w["p_draft"])),
    S("review.workflow.record_escalation",
      frozenset({Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.ADMIN}),
      lambda s, a, w: workflow.record_escalation(s, a, w["p_draft"], "县委网信办", "同意", TODAY)),
    S("review.workflow.accept_finding", frozenset({Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE}),
      lambda s, a, w: workflow.accept_finding(s, a, w["p_draft"], "words", "某词", "引用原文")),
    S("review.workflow.review", frozenset({Role.SECTION_HEAD}), lambda s, a, w: workflow.review(
        s, a, w["p_second"], ReviewStage.SECOND, Decision.APPROVE, "同意", OK, seen_hash=seen_post(s, w["p_second"]))),
    S("review.workflow.publish", frozenset({Role.EDITOR, Role.ADMIN}),
      lambda s, a, w: workflow.publish(s, a, w["p_ready"], "https://www.jinping.gov.cn/1.html")),
    S("review.workflow.confirm_by_source", frozenset({Role.EDITOR, Role.ADMIN}),
      lambda s, a, w: workflow.confirm_by_source(s, a, w["p_pub"], "县发改局 刘某")),
    S("review.workflow.start_change", frozenset({Role.EDITOR, Role.ADMIN}),
      lambda s, a, w: workflow.start_change(s, a, w["p_pub"], ChangeKind.CORRECTION, "错字")),
    S("review.inspections.record_inspection", frozenset(inspections.INSPECTOR_ROLES),
      lambda s, a, w: inspections.record_inspection(s, a, inspections.InspectionForm(day=TODAY), TODAY)),
    S("review.inspections.update_inspection", frozenset(inspections.INSPECTOR_ROLES),
      lambda s, a, w: inspections.update_inspection(s, a, w["inspection"], inspections.InspectionForm(
          day=date(2024, 6, 27), problems="链接失效"), w["inspection_v"], TODAY)),
    S("review.wordlists_db.replace_list", ADMIN, lambda s, a, w: wordlists_db.replace_list(
        s, a, WordListKind.SENSITIVE, [wordlists_db.Entry("测试词")])),
    S("review.register_export.export_post_register", frozenset(post_export.EXPORT_ROLES),
      lambda s, a, w: post_export.export_post_register(s, a, w["out"] / "posts.xlsx", year=2024)),
    # 主动公开
    S("disclosure.service.create_item", CLERK, lambda s, a, w: disclosure.create_item(s, a, _item_form(), CAL, TODAY)),
    S("disclosure.from_requests.register_proactive_item", CASE, lambda s, a, w: from_requests.register_proactive_item(
        s, a, w["c_same"], _item_form(), TODAY)),
    S("disclosure.service.update_item", CLERK, lambda s, a, w: disclosure.update_item(
        s, a, w["i_draft"], _item_form(summary="改"), w["i_draft_v"], CAL, TODAY)),
    S("disclosure.service.add_attachment", CLERK, lambda s, a, w: disclosure.add_attachment(
        s, a, w["i_draft"], "a.pdf", PDF)),
    S("disclosure.service.secrecy_review", frozenset(disclosure.SECRECY_ROLES),
      lambda s, a, w: disclosure.secrecy_review(s, a, w["i_draft"], "不涉密", TODAY,
                                                seen_hash=seen_item(s, w["i_draft"]))),
    S("disclosure.service.decide", CLERK, lambda s, a, w: disclosure.decide(
        s, a, w["i_reviewed"], ItemDecision.PROACTIVE, CAL)),
    S("disclosure.service.publish", CLERK, lambda s, a, w: disclosure.publish(
        s, a, w["i_decided"], ["政务新媒体"], TODAY, "", TODAY)),
    S("disclosure.service.delay", CLERK, lambda s, a, w: disclosure.delay(s, a, w["i_draft"], "待上级批准", CAL)),
    S("disclosure.service.end_delay", CLERK, lambda s, a, w: disclosure.end_delay(
        s, a, w["i_delayed"], TODAY, CAL)),
    S("disclosure.service.revisit", CLERK, lambda s, a, w: disclosure.revisit(s, a, w["i_withheld"], "情形消除")),
    S("disclosure.service.new_version", CLERK, lambda s, a, w: disclosure.new_version(
        s, a, w["i_draft"], _item_form(formed_on=date(2024, 6, 20)), CAL, TODAY)),
    S("disclosure.service.repeal", CLERK, lambda s, a, w: disclosure.repeal(s, a, w["i_published"], TODAY)),
    S("disclosure.figures.save_year_figures", CASE, lambda s, a, w: figures.save_year_figures(s, a, 2023, {}, 0)),
    S("disclosure.register_export.export_register", frozenset(disclosure_export.EXPORT_ROLES),
      lambda s, a, w: disclosure_export.export_register(s, a, w["out"] / "items.xlsx", year=2024)),
    S("disclosure.catalogue.export_catalogue", frozenset(catalogue.EXPORT_ROLES),
      lambda s, a, w: catalogue.export_catalogue(s, a, w["out"] / "catalogue.xlsx", year=2024, today=TODAY)),
    # 年度报告
    S("annual.service.save_texts", frozenset(annual.EDIT_ROLES),
      lambda s, a, w: annual.save_texts(s, a, 2023, "概述", "问题", "其他", 0)),
    S("annual.service.lock_year", frozenset(annual.LOCK_ROLES), lambda s, a, w: _lock_2023(s, a)),
    S("annual.service.unlock_year", ADMIN, lambda s, a, w: annual.unlock_year(s, a, 2022, "数据更正")),
    S("annual.report_export.export_annual_report", frozenset(annual_export.EXPORT_ROLES),
      lambda s, a, w: _export_2023(s, a, w["out"] / "annual.docx")),
    S("annual.statistics_export.export_statistics", frozenset(statistics_export.EXPORT_ROLES),
      lambda s, a, w: statistics_export.export_statistics(s, a, w["out"] / "stats.xlsx", 2024, today=TODAY)),
    # 账户、设置、节假日
    S("auth.service.create_user", ADMIN,
      lambda s, a, w: auth.create_user(s, a, "newbie", "新人", TEST_PASSWORD, [Role.EDITOR])),
    S("auth.service.update_user", ADMIN, lambda s, a, w: auth.update_user(s, a, w["target"], display_name="改名")),
    S("auth.service.set_active", ADMIN, lambda s, a, w: auth.set_active(s, a, w["target"], False)),
    S("auth.service.reset_password", ADMIN, lambda s, a, w: auth.reset_password(s, a, w["target"], "N3w-Passw0rd!")),
    S("auth.service.change_own_password", None, lambda s, a, w: auth.change_own_password(
        s, a, TEST_PASSWORD, "N3w-Passw0rd!")),
    S("settings.registry.set_setting", ADMIN, lambda s, a, w: registry.set_setting(s, a, "org.phone", "0855-1234567")),
    S("workdays.service.set_year_arrangement", ADMIN, lambda s, a, w: workdays.set_year_arrangement(
        s, a, 2030, [date(2030, 1, 2)], [], source="测试")),
    S("workdays.service.clear_year", ADMIN, lambda s, a, w: workdays.clear_year(s, a, 2029)),
)

# Actor-taking functions that change no record or are internal steps of the services above.
NOT_ROLE_GUARDED = {
    "cases.handling.case_for_change": "internal: the role check every case event goes through",
    "cases.handling.save_change": "internal: called after case_for_change has checked the role",
    "cases.handling.close_case": "internal: called after case_for_change has checked the role",
    "cases.handling.close_without_reply": "internal: called after case_for_change has checked the role",
    "workdays.service.recompute_all_deadlines": "internal: run by the calendar services (administrators)",
    "cases.hooks.dashboard_items": "read-only", "review.hooks.dashboard_items": "read-only",
    "disclosure.hooks.dashboard_items": "read-only",
    "auth.proof.confirm_signer": "the signer check itself (tests/foundation/test_signer_proof.py)",
    "auth.service.current_actor": "re-reads the account; changes nothing (test_signer_proof.py)",
    "annual.service.report_actions": "read-only: what the actor may do now (app.report_lock), for the buttons",
}
PACKAGES = ("cases", "review", "disclosure", "annual", "auth", "settings", "workdays")


def _register_file(folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(HEADERS))
    cells = {"受理编号": "锦府办依申〔2023〕1号", "申请人类型": "自然人", "申请人": "王小明", "申请方式": "当面",
             "收到申请日期": "2023-03-06", "申请内容": "申请公开某项目环评批复", "联系电话": "13812345678"}
    ws.append([cells.get(h) for h in HEADERS])
    path = folder / "register.xlsx"
    wb.save(path)
    return path


def _world(db: Database, make_user: Callable[..., Actor], folder: Path) -> tuple[dict[str, Actor], dict[str, Any]]:
    """One record in each state a service needs, made by people who hold none of the test roles."""
    actors = {role.value: make_user(f"r_{role.value}", role) for role in Role}
    holder = make_user("r_none", Role.EDITOR)  # an account must hold a role; its actor here holds none
    actors["none"] = Actor(holder.user_id, holder.username, holder.display_name, frozenset())
    p = {n: make_user(n, r) for n, r in (("author", Role.EDITOR), ("first", Role.EDITOR), ("head", Role.SECTION_HEAD),
                                          ("lead", Role.LEADER_IN_CHARGE), ("boss", Role.PRINCIPAL_LEADER),
                                          ("clerk2", Role.DISCLOSURE_STAFF), ("target", Role.EDITOR))}
    sysa = Actor.system()
    w: dict[str, Any] = {"approver": p["lead"], "templates": paths.templates_dir(db.data_dir), "out": folder,
                         "register": _register_file(folder), "target": p["target"].user_id}

    def do(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        with db.session_factory.begin() as s:
            return fn(s, *args, **kw)

    def case(i: int) -> int:
        return int(do(lambda s: intake.register_case(s, sysa, a_form(i), TODAY).id))

    for key, value in (("org.address", "锦屏县三江镇 1 号"), ("org.phone", "0855-7221234"), ("org.postcode", "556700")):
        do(registry.set_setting, sysa, key, value)
    w["c_reg"] = case(1)
    w["c_reg_v"] = 1
    w["doc"] = do(lambda s: archive.add_document(s, sysa, w["c_reg"], "other", "b.pdf", PDF).id)
    w["letter_doc"] = do(lambda s: letters.generate_letter(
        s, sysa, w["c_reg"], "receipt", w["templates"], letter_date=date(2024, 3, 4)).id)
    w["c_reg_v"] = do(lambda s: intake.get_case(s, w["c_reg"]).version)
    w["c_corr"] = case(2)
    w["old_templates"] = folder / "old_templates"  # an older version's 受理回执 (the first allowed role updates it)
    _old_template(w["old_templates"], split=False)
    w["c_same"] = case(40)
    do(intake.register_case, sysa, a_form(41, content=a_form(40).content), TODAY)  # another applicant, same ask
    do(handling.send_correction_notice, sysa, w["c_corr"], date(2024, 3, 5), "请写明年份", date(2024, 3, 20),
       today=TODAY)
    cons_case = case(3)
    w["consultation"] = do(lambda s: handling.add_consultation(s, sysa, cons_case, ConsultationKind.THIRD_PARTY,
                                                                "某公司", "", date(2024, 3, 6), today=TODAY).id)
    w["c_fee"] = case(4)
    do(handling.record_fee_notice, sysa, w["c_fee"], date(2024, 3, 6), "per_page", 40, today=TODAY)
    do(fees.record_fee_notice_received, sysa, w["c_fee"], date(2024, 3, 6), today=TODAY)
    for key, steps in (("c_draft", 1), ("c_reviewed", 2), ("c_signed", 3), ("c_sent", 4), ("c_closed", 5)):
        cid = w[key] = case(10 + steps)
        do(reply.save_reply_draft, sysa, cid, ReplyType.DISCLOSABLE, None, "答复正文", today=TODAY)
        if steps >= 2:
            do(justice_review_seen, sysa, cid, date(2024, 3, 20), "无意见", today=TODAY)
        if steps >= 3:
            do(approve_reply_seen, p["lead"], cid, reply.STEP_LEADER, Decision.APPROVE, "同意", today=TODAY)
            do(approve_reply_seen, p["boss"], cid, reply.STEP_PRINCIPAL, Decision.APPROVE, "同意", today=TODAY)
        if steps >= 4:
            do(reply.send_reply, sysa, cid, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
        if steps >= 5:
            do(reply.record_delivery, sysa, cid, date(2024, 3, 27), today=TODAY)
    for row in do(archive.checklist, w["c_closed"]):
        if row.missing:
            do(archive.add_document, sysa, w["c_closed"], row.code, f"{row.code}.pdf", PDF)

    def post(stages: int) -> int:
        pid = int(do(lambda s: posts.create_post(s, p["author"], _post_form(), today=TODAY).id))
        if stages >= 1:
            do(workflow.submit, p["author"], pid)
            do(review_seen, p["first"], pid, ReviewStage.FIRST, Decision.APPROVE, "", OK)
        if stages >= 3:
            do(review_seen, p["head"], pid, ReviewStage.SECOND, Decision.APPROVE, "同意", OK)
            do(review_seen, p["lead"], pid, ReviewStage.THIRD, Decision.APPROVE, "同意", OK)
        if stages >= 4:
            do(workflow.publish, p["author"], pid, "https://www.jinping.gov.cn/0.html")
        return pid

    w["p_draft"], w["p_second"], w["p_ready"], w["p_pub"] = post(0), post(1), post(3), post(4)
    w["p_draft_v"] = do(lambda s: posts.get_post(s, w["p_draft"]).version)
    ins = do(lambda s: inspections.record_inspection(s, sysa, inspections.InspectionForm(day=date(2024, 6, 27)),
                                                     TODAY))
    w["inspection"], w["inspection_v"] = ins.id, ins.version

    def item(stage: str, **kw: object) -> int:
        iid = int(do(lambda s: disclosure.create_item(s, p["clerk2"], _item_form(**kw), CAL, TODAY).id))
        if stage in ("reviewed", "decided", "published", "withheld"):
            do(secrecy_review_seen, p["head"], iid, "不涉密", TODAY)
        if stage in ("decided", "published"):
            do(disclosure.decide, p["clerk2"], iid, ItemDecision.PROACTIVE, CAL)
        if stage == "published":
            do(disclosure.publish, p["clerk2"], iid, ["政务新媒体"], TODAY, "", TODAY)
        if stage == "withheld":
            do(disclosure.decide, p["clerk2"], iid, ItemDecision.WITHHELD, CAL, withhold_reason=4,
               legal_basis="第十六条")
        if stage == "delayed":
            do(disclosure.delay, p["clerk2"], iid, "待上级批准", CAL)
        return iid

    w["i_draft"] = item("draft")
    w["i_draft_v"] = do(lambda s: disclosure.get_item(s, w["i_draft"]).version)
    w["i_reviewed"], w["i_decided"] = item("reviewed"), item("decided")
    w["i_published"] = item("published", doc_kind=disclosure.DocKind.NORMATIVE, doc_no="锦府发〔2024〕8号")
    w["i_delayed"], w["i_withheld"] = item("delayed"), item("withheld")
    do(annual.save_texts, sysa, 2022, "概述", "问题", "其他", 0)  # a year with empty parts cannot be locked
    do(lock_annual_seen, sysa, 2022, TODAY)
    do(workdays.set_year_arrangement, sysa, 2029, [date(2029, 1, 2)], [], source="测试")
    return actors, w


def _attempt(db: Database, spec: Spec, actor: Actor, world: dict[str, Any]) -> BaseException | None:
    session = db.session_factory()
    try:
        session.begin()
        spec.call(session, actor, world)
        return None
    except Exception as exc:
        return exc
    finally:
        session.rollback()  # every role meets the same records in the same state
        session.close()


def test_each_role_is_refused_exactly_where_it_should_be(db: Database, make_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    actors, world = _world(db, make_user, tmp_path)
    wrong: list[str] = []
    never_succeeded: list[str] = []
    for spec in SERVICES:
        failures: list[str] = []
        succeeded = False
        for label, actor in actors.items():
            may = spec.allowed is None or any(r in spec.allowed for r in actor.roles)
            outcome = _attempt(db, spec, actor, world)
            if may and isinstance(outcome, PermissionDenied):
                wrong.append(f"{spec.name}: {label} was refused: {outcome}")
            elif not may and not isinstance(outcome, PermissionDenied):
                wrong.append(f"{spec.name}: {label} was not refused ({outcome!r})")
            elif may and outcome is None:
                succeeded = True
            elif may:
                failures.append(f"{label}: {outcome!r}")
        if not succeeded:
            never_succeeded.append(f"{spec.name}: {failures}")
    assert wrong == []
    # Guards the test itself: arguments that fail for every allowed role would prove nothing.
    assert never_succeeded == []


def test_every_actor_taking_service_is_listed() -> None:
    import app

    found: set[str] = set()
    for package in PACKAGES:
        module = importlib.import_module(f"app.{package}")
        names = [f"app.{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__) if not m.ispkg]
        for name in names:
            mod = importlib.import_module(name)
            for fname, fn in inspect.getmembers(mod, inspect.isfunction):
                # Exports write files, not records: listed above where they exist, not demanded.
                if fn.__module__ != name or fname.startswith(("_", "export_")):
                    continue
                params = list(inspect.signature(fn).parameters)
                if params[:1] == ["session"] and len(params) > 1 and params[1] in ("actor", "signer", "reviewer"):
                    found.add(f"{name.removeprefix('app.')}.{fname}")
    assert app is not None
    listed = {s.name for s in SERVICES} | set(NOT_ROLE_GUARDED)
    assert sorted(found - listed) == [], "add these services to SERVICES in tests/reliability/test_rel_roles.py"
    exports = {n for n in listed if n.rsplit(".", 1)[1].startswith("export_")}
    assert sorted(listed - found - exports) == []
