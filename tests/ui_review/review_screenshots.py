"""Grab the 发布审核 screens into PNGs, to look at them (not a test).

    PYTHONPATH=. xvfb-run -a -s "-screen 0 1400x900x24" /tmp/venv/bin/python tests/ui_review/review_screenshots.py \
        /tmp/shots-review
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.auth.roles import Role
from app.auth.service import actor_for, create_first_admin, create_user
from app.bootstrap import Database, open_database
from app.context import Actor
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ReviewStage, SourceKind
from app.review.inspections import InspectionForm, record_inspection
from app.review.posts import PostForm, add_attachment, create_post, get_post, update_post
from app.review.workflow import ChecklistMark, confirm_by_source, publish, submit
from app.signoff.service import Decision
from tests.seen_hashes import review_seen
from ui.app_setup import create_application
from ui.context import AppContext
from ui.review.checklist_model import COL_NOTE
from ui.review.tab import ReviewTab
from ui.review.wordlists_page import WordListsPage

PASSWORD = "Ledger-7-Orchid"
ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}
BODY = (
    "5月6日，锦屏县召开2024年优化营商环境工作推进会，县委副书记、县长张建国出席会议并讲话。\n\n"
    "会议通报了今年以来全县优化营商环境工作情况，对下一阶段重点任务作了安排部署。会议指出，"
    "各乡镇、各部门要对照省、州考核指标，逐项梳理短板弱项，切实提升政务服务效能。\n\n"
    "会议要求，要持续深化“放管服”改革，推进政务服务事项“一网通办”，全面落实首问负责、一次性告知等制度，"
    "让企业和群众办事更加便捷高效。\n\n县发展改革局、县市场监管局等部门主要负责人参加会议。"
)


def _reprint(title: str, target: str = "政策文件", body: str = BODY, **kw: object) -> PostForm:
    form = PostForm(title=title, target=target, body=body, source_kind=SourceKind.REPRINT, source_site="中国政府网",
                    reprinted_at=datetime(2024, 5, 6, 1, 30),
                    source_url="https://www.gov.cn/zhengce/content/202405/content_6949.htm", source_unit="县发展改革局")
    for k, v in kw.items():
        setattr(form, k, v)
    return form


def seed(folder: Path) -> tuple[Database, dict[str, Actor], dict[str, int]]:
    db = open_database(folder)
    people: dict[str, Actor] = {}
    with db.session_factory.begin() as s:
        people["admin"] = actor_for(create_first_admin(s, "admin", "王建国", PASSWORD))
        for username, name, role in (("wangfang", "王芳", Role.EDITOR), ("zhaomin", "赵敏", Role.SECTION_HEAD),
                                     ("chenjun", "陈军", Role.LEADER_IN_CHARGE), ("liqiang", "李强", Role.EDITOR)):
            people[username] = actor_for(create_user(s, Actor.system(), username, name, PASSWORD, [role]))
    ed, head, leader = people["wangfang"], people["zhaomin"], people["chenjun"]
    ids: dict[str, int] = {}

    def do(fn, *args):  # type: ignore[no-untyped-def]
        with db.session_factory.begin() as s:
            return fn(s, *args)

    def new(key: str, form: PostForm) -> int:
        ids[key] = do(lambda s: create_post(s, ed, form).id)
        return ids[key]

    now = datetime.now()
    p = new("confirmed", _reprint("国务院办公厅关于进一步优化政务服务提升行政效能的通知", "政策文件"))
    for fn, actor, *args in ((submit, ed), (review_seen, ed, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK),
                             (review_seen, head, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK),
                             (review_seen, leader, ReviewStage.THIRD, Decision.APPROVE, "同意发布", ALL_OK),
                             (publish, ed, "https://www.jinping.gov.cn/zwgk/zcwj/202405/t20240507_1.html",
                              now - timedelta(days=3)),
                             (confirm_by_source, ed, "县发展改革局 刘某")):
        do(fn, actor, p, *args)
    p = new("published", _reprint("锦屏县召开2024年优化营商环境工作推进会", "县政府要闻",
                                  source_kind=SourceKind.COLLECTED, source_department="县发展改革局",
                                  source_url="https://www.jinping.gov.cn/bmdt/fgj/1.html"))
    for fn, actor, *args in ((submit, ed), (review_seen, ed, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK),
                             (review_seen, head, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK),
                             (review_seen, leader, ReviewStage.THIRD, Decision.APPROVE, "同意", ALL_OK),
                             (publish, ed, "https://www.jinping.gov.cn/xwzx/zwyw/202405/t1.html", now)):
        do(fn, actor, p, *args)
    p = new("second", _reprint("关于做好2024年防汛抗旱工作的通知", "通知公告"))
    do(submit, ed, p)
    do(review_seen, ed, p, ReviewStage.FIRST, Decision.APPROVE, "已校对", ALL_OK)
    with db.session_factory.begin() as s:
        post = get_post(s, p)
        edited = BODY.replace("逐项梳理短板弱项", "逐项梳理问题短板")
        edited = edited.replace("县发展改革局、", "县发展改革局、县政务服务中心、")
        update_post(s, head, p, _reprint(post.title, "通知公告", edited + "\n\n（二审补充：会议时间已核实。）"),
                    post.version)
    p = new("returned", _reprint("锦屏县2024年一季度经济运行情况", "政策解读", sensitive=True))
    for fn, actor, *args in ((submit, ed), (review_seen, ed, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK),
                             (review_seen, head, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK),
                             (review_seen, leader, ReviewStage.THIRD, Decision.RETURN, "数据请与县统计局核对后再报。",
                              {})):
        do(fn, actor, p, *args)
    p = new("first", _reprint("县人民政府关于公布2024年第一批行政许可事项清单的通知", "通知公告"))
    do(submit, ed, p)
    p = new("ready", _reprint("贵州省人民政府办公厅关于印发贵州省数字政府建设实施方案的通知", "政策文件",
                              source_site="贵州省人民政府门户网站", source_url="https://www.guizhou.gov.cn/zwgk/1.html"))
    for fn, actor, *args in ((submit, ed), (review_seen, ed, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK),
                             (review_seen, head, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK),
                             (review_seen, leader, ReviewStage.THIRD, Decision.APPROVE, "同意", ALL_OK)):
        do(fn, actor, p, *args)
    draft = BODY + ("\n\n联系人：张三，身份证号码11010519491231002X，联系电话13812345678。"
                    "详见 http://www.example.com/a 。本文件为机密★10年。")
    p = new("draft", PostForm(title="茅坪镇开展安全生产大检查", target="乡镇动态", body=draft,
                              source_kind=SourceKind.ORIGINAL, basis_kind="领导批示",
                              basis_reference="陈军副县长 2024年5月5日批示", source_unit="茅坪镇人民政府"))
    do(add_attachment, ed, p, "批示扫描件.pdf", b"%PDF-1.4 scan", "basis")

    today = date.today()
    for back in (1, 2, 4, 5):
        day = today - timedelta(days=back)
        if day.month != today.month or day.weekday() >= 5:
            continue
        problems = "“部门动态”栏目一条链接失效。" if back == 2 else ""
        do(record_inspection, ed, InspectionForm(
            day=day, links_ok=not problems, problems=problems, checked_notes="首页、要闻、通知公告及新发布稿件",
            correction="已联系运维公司修复链接。" if problems else "", corrected_on=day if problems else None), today)
    return db, people, ids


def process(ms: int = 300) -> None:
    # An event loop, not a processEvents() busy loop: PySide6 6.12 leaks a reference to None per
    # static processEvents() call, and thousands of them crash Python 3.11.
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, out: Path, name: str) -> None:
    process()
    widget.grab().save(str(out / name))
    print("saved", out / name)


def main(out: Path) -> None:
    app = create_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    db, people, ids = seed(Path(tempfile.mkdtemp()))
    ctx = AppContext(db, people["wangfang"])
    window = QMainWindow()
    tab = ReviewTab(ctx)
    window.setCentralWidget(tab)
    window.resize(1360, 860)
    window.show()
    tab.select_post(ids["returned"])
    grab(window, out, "01_list.png")

    editor = tab.open_post(ids["draft"])
    editor.resize(1300, 820)
    process(1500)
    grab(editor, out, "02_editor_findings.png")
    editor.tabs.setCurrentIndex(1)
    grab(editor, out, "03_editor_source.png")
    editor.close()

    head_ctx = AppContext(db, people["zhaomin"])
    head_tab = ReviewTab(head_ctx)
    dialog = head_tab.review_post(ids["second"])
    assert dialog is not None
    for row in range(dialog.points.rowCount()):
        if row != 2:
            dialog.points.setData(dialog.points.index(row, 1), 2, 10)  # Qt.CheckStateRole = 10
    dialog.points.setData(dialog.points.index(2, COL_NOTE), "图片为本单位拍摄")
    dialog.resize(1320, 860)
    process(800)
    grab(dialog, out, "04_review_dialog.png")
    dialog.tabs.setCurrentIndex(1)
    process(800)
    grab(dialog, out, "05_review_findings.png")
    dialog.approve_button.click() if dialog.points.pending() else None
    for r in range(dialog.requirements.rowCount()):
        dialog.requirements.setData(dialog.requirements.index(r, 1), 2, 10)
    dialog.opinion.setPlainText("同意。")
    dialog.approve()
    process(300)
    if dialog.signoff is not None:
        grab(dialog.signoff, out, "06_signoff.png")
        dialog.signoff.reject()
    dialog.guard.mark_clean()  # a screenshot run: close without the discard question
    dialog.reject()

    tab.pages.setCurrentIndex(1)
    grab(window, out, "07_inspections.png")
    tab.pages.setCurrentIndex(0)
    publish_dialog = tab.publish_post(ids["published"])
    grab(publish_dialog, out, "08_publish.png")
    publish_dialog.reject()

    page = WordListsPage(AppContext(db, people["admin"]))
    page.resize(1000, 640)
    page.show()
    from app.review.enums import WordListKind
    page.select_kind(WordListKind.WORDING)
    grab(page, out, "09_wordlists.png")
    app.closeAllWindows()
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots-review"))
