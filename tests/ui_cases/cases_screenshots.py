"""Screenshots of the 依申请公开 tab for a human to look at (not a test).

    /tmp/venv/bin/govinfo-desk --data-dir /tmp/cases-shots demo
    PYTHONPATH=. xvfb-run -a -s "-screen 0 1400x900x24" /tmp/venv/bin/python tests/ui_cases/cases_screenshots.py \
        /tmp/cases-shots /tmp/shots-cases

Uses the demo cases when the demo filler made some; otherwise registers a handful in every state
through the real services, as the demo clerk wangfang.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QMainWindow
from sqlalchemy import func, select

from app.auth.models import User
from app.auth.service import actor_for
from app.bootstrap import Database, open_database
from app.cases import handling, reply
from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.context import Actor
from app.signoff.service import Decision
from tests.screenshot_support import grab
from tests.seen_hashes import seen_reply, seen_state
from ui.app_setup import create_application
from ui.cases.tab import CasesTab
from ui.context import AppContext

SAMPLES = (
    ("张三", "申请公开2024年锦屏县城区道路改造工程的招标文件及中标结果", ApplicantType.NATURAL, 70),
    ("锦屏县鑫达建材有限公司", "申请公开县自然资源局2025年第3批次建设用地征收补偿安置方案", ApplicantType.BUSINESS, 45),
    ("李四", "申请公开三江镇平秋村危房改造补助资金发放名单", ApplicantType.NATURAL, 27),
    ("贵州某律师事务所", "申请公开锦府发〔2025〕12号文件全文", ApplicantType.LEGAL_SERVICE, 20),
    ("王五", "申请公开县人民医院新院区项目环境影响评价报告", ApplicantType.NATURAL, 12),
    ("赵六", "申请公开2025年县本级一般公共预算支出明细", ApplicantType.NATURAL, 8),
    ("贵州大学生态研究所", "申请公开清水江锦屏段近三年水质监测数据", ApplicantType.RESEARCH, 3),
    ("孙七", "申请公开敦寨镇农村低保对象认定标准", ApplicantType.NATURAL, 1),
)


def _user(s, name: str) -> Actor:
    user = s.scalar(select(User).where(User.username == name))
    return actor_for(user)


def fill(db: Database) -> None:
    today = date.today()
    with db.session_factory.begin() as s:
        if s.scalar(select(func.count(RequestCase.id))):
            return
        clerk, leader, principal = _user(s, "wangfang"), _user(s, "chenjun"), _user(s, "yanghua")
        ids = []
        for i, (name, content, kind, days_ago) in enumerate(SAMPLES):
            form = CaseForm(
                applicant_type=kind, applicant_name=name,
                id_type="居民身份证" if kind.is_person else "统一社会信用代码",
                phone=f"1380855{i:04d}", address="贵州省黔东南州锦屏县三江镇", channel=list(Channel)[i % 5],
                submitted_on=today - timedelta(days=days_ago), channel_date=today - timedelta(days=days_ago),
                content=content, delivery_method=DeliveryMethod.POST,
            )
            ids.append(register_case(s, clerk, form, today - timedelta(days=days_ago)).id)
        s.flush()
        a, b, c, d, e, f, g, _h = ids
        day = lambda n: today - timedelta(days=n)  # noqa: E731
        for case_id in (a, b, c, d, e, f):
            handling.start_handling(s, clerk, case_id)
        reply.save_reply_draft(s, clerk, a, ReplyType.DISCLOSABLE, None,
                               reply_text_for(s, a, ReplyType.DISCLOSABLE))
        reply.record_justice_review(s, clerk, a, day(50), "经审核，答复内容合法，同意答复。",
                                    seen_state=seen_state(s, a))
        reply.approve_reply(s, leader, a, "leader_in_charge", Decision.APPROVE, "同意", seen_hash=seen_reply(s, a))
        reply.approve_reply(s, principal, a, "principal_leader", Decision.APPROVE, "同意", seen_hash=seen_reply(s, a))
        reply.send_reply(s, clerk, a, day(48), DeliveryMethod.POST, "EA123456789CN")
        reply.record_delivery(s, clerk, a, day(45))
        handling.add_consultation(s, clerk, b, ConsultationKind.THIRD_PARTY, "锦屏县鑫达建材有限公司",
                                  "是否同意公开", day(38))
        handling.add_consultation(s, clerk, b, ConsultationKind.DEPARTMENT, "县自然资源局",
                                  "征收方案是否已公开", day(36))
        handling.send_correction_notice(s, clerk, g, day(2), "1. 请明确所需监测数据的具体断面和年份", day(-16))
        handling.record_fee_notice(s, clerk, e, day(5), "per_page", 40)
        reply.save_reply_draft(s, clerk, d, ReplyType.WITHHELD, 5, reply_text_for(s, d, ReplyType.WITHHELD, 5))
        reply.record_justice_review(s, clerk, d, day(3), "经审核，属于过程性信息，同意不予公开。",
                                    seen_state=seen_state(s, d))
        reply.approve_reply(s, leader, d, "leader_in_charge", Decision.APPROVE, "同意", seen_hash=seen_reply(s, d))


def reply_text_for(s, case_id: int, rt: ReplyType, detail: int | None = None) -> str:
    from app.cases.reply_text import default_reply_body

    return default_reply_body(rt, detail, s.get(RequestCase, case_id))


def grab_panels(window: QMainWindow, tab: CasesTab, case_id: int, out: Path, *panels: tuple[str, str]) -> None:
    """Select the case and save each named detail panel as out/<file>.png."""
    tab.select_case(case_id)
    for panel, name in panels:
        tab.detail.show_panel(getattr(tab.detail, panel))
        grab(window, out / f"{name}.png")


def main() -> None:
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["shots"])
    db = open_database(data)
    fill(db)
    with db.session_factory() as s:
        clerk = _user(s, "wangfang")
    ctx = AppContext(db=db, actor=clerk)
    window = QMainWindow()
    tab = CasesTab(ctx)
    window.setCentralWidget(tab)
    window.setWindowTitle("政务公开工作台 — 依申请公开")
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    tab.table.selectRow(0)
    grab(window, out / "1_list.png")
    with db.session_factory() as s:
        waiting = s.scalar(select(RequestCase.id).where(RequestCase.status == "awaiting_approval"))
        consulting = s.scalar(select(RequestCase.id).join(RequestCase.consultations).limit(1))
    if waiting:
        grab_panels(window, tab, waiting, out, ("reply", "3_detail_reply"), ("flowchart", "4_flowchart"))
    if consulting:
        grab_panels(window, tab, consulting, out, ("handling", "3_detail_handling"),
                    ("summary", "3_detail_summary"), ("documents", "3_detail_documents"))
        box = tab.detail.show_deadline()
        if box is not None:
            grab(box, out / "5_deadline.png")
            box.close()
    dialog = tab.new_case()
    dialog.form.applicant_name.setText("刘八")
    grab(dialog, out / "2_intake.png")
    dialog.reject()
    db.dispose()


if __name__ == "__main__":
    main()
