"""发布审核 outputs read back: the 审核发布单 (.docx), the register of posts and the inspection log
(.xlsx), their commands, and the demo filler."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.bootstrap import Database
from app.cli import main
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.export_progress import ExportCancelled
from app.localtime import local_text
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, PostStatus, ReviewStage, SourceKind
from app.review.inspection_export import HEADERS as INSPECTION_HEADERS
from app.review.inspection_export import export_inspections
from app.review.inspections import InspectionForm, column_status, record_inspection
from app.review.models import Inspection, Post, StageReview
from app.review.posts import PostForm, add_attachment, create_post, get_post, update_post
from app.review.register_export import HEADERS as REGISTER_HEADERS
from app.review.register_export import export_post_register
from app.review.sheet_data import TICK, export_review_sheet, time_text
from app.review.workflow import (
    ChecklistMark,
    accept_finding,
    confirm_by_source,
    publish,
    record_escalation,
    submit,
)
from app.signoff.service import Decision
from app.workdays.service import load_calendar
from tests.db_support import DEMO_TODAY, filled_demo
from tests.review_people import review_people
from tests.seen_hashes import review_seen

ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}
GOV_URL = "https://www.gov.cn/zhengce/content/202405/content_6949.htm"
PUBLISHED_URL = "https://www.jinping.gov.cn/zwgk/zcwj/202405/t20240507_1.html"
REPRINTED = datetime(2024, 5, 6, 1, 30)  # stored UTC, as the editor's local time converted


@pytest.fixture
def people(make_user: Callable[..., Actor]) -> dict[str, Actor]:
    return review_people(make_user, "editor", "editor2", "head", "leader", "clerk")


def _do(db: Database, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with db.session_factory.begin() as s:
        return fn(s, *args, **kwargs)


def _form(**kw: object) -> PostForm:
    form = PostForm(title="国务院办公厅关于优化营商环境的通知", target="政策文件", body="咨询电话：13985571234。正文……",
                    source_kind=SourceKind.REPRINT, source_site="中国政府网", reprinted_at=REPRINTED,
                    source_url=GOV_URL, sensitive=True, source_unit="县政务服务中心")
    for key, value in kw.items():
        setattr(form, key, value)
    return form


def _confirmed_post(db: Database, people: dict[str, Actor]) -> int:
    """A sensitive reprint returned once at 二审, then through every stage to confirmation."""
    editor, editor2, head, leader = people["editor"], people["editor2"], people["head"], people["leader"]
    post_id = _do(db, lambda s: create_post(s, editor, _form(), today=date(2024, 5, 6)).id)
    _do(db, submit, editor, post_id)
    # The public hotline is reported as personal data; 初审 accepts it with a reason before approving.
    _do(db, accept_finding, editor2, post_id, "privacy-phone", "13985571234", "系公开的咨询电话")
    _do(db, review_seen, editor2, post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK)
    _do(db, review_seen, head, post_id, ReviewStage.SECOND, Decision.RETURN, "第二段数据与原文不一致", {})
    version = _do(db, lambda s: get_post(s, post_id).version)
    _do(db, update_post, editor, post_id, _form(body="咨询电话：13985571234。正文（已核对）……"), version)
    _do(db, submit, editor, post_id)
    marks = dict(ALL_OK)
    marks[CHECKLIST_ITEMS[0]] = ChecklistMark(True, "咨询电话为公开号码")
    marks[CHECKLIST_ITEMS[5]] = ChecklistMark(False, "建议工作日上午发布")
    _do(db, review_seen, editor2, post_id, ReviewStage.FIRST, Decision.APPROVE, "已核对来源，同意报二审。", marks)
    _do(db, review_seen, head, post_id, ReviewStage.SECOND, Decision.APPROVE, "同意。", ALL_OK)
    _do(db, record_escalation, head, post_id, "县委网信办", "经研判，可以发布。", date(2024, 5, 7))
    _do(db, review_seen, leader, post_id, ReviewStage.THIRD, Decision.APPROVE, "同意发布。", ALL_OK)
    _do(db, publish, editor, post_id, PUBLISHED_URL, datetime(2024, 5, 7, 2, 0))
    _do(db, confirm_by_source, editor, post_id, "县政务服务中心 刘敏", datetime(2024, 5, 8, 3, 0))
    return post_id


def _cells(path: Path) -> list[list[str]]:
    table = Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def _row(cells: list[list[str]], label: str) -> list[str]:
    return next(r for r in cells if r[0] == label)


def _signed_at(db: Database, post_id: int) -> dict[tuple[int, str], datetime]:
    with db.session_factory() as s:
        rows = s.scalars(select(StageReview).where(StageReview.post_id == post_id)).all()
        return {(r.round, r.stage): r.signed_at for r in rows}


def test_sheet_shows_every_stage_source_return_and_finding(db: Database, people: dict[str, Actor],
                                                           tmp_path: Path) -> None:
    post_id = _confirmed_post(db, people)
    path = _do(db, export_review_sheet, people["editor"], post_id, tmp_path / "单.docx", date(2024, 5, 8))
    doc = Document(str(path))
    assert doc.paragraphs[0].text == "锦屏县人民政府门户网站（政务新媒体）\n信息审核发布单"
    cells = _cells(path)
    assert _row(cells, "编号")[1] == "2024-1" and _row(cells, "标题")[1] == "国务院办公厅关于优化营商环境的通知"
    assert _row(cells, "发布栏目/账号")[1:4] == ["政策文件", "采编人", "王芳"]
    assert _row(cells, "稿件类型")[1:4] == ["新发布", "当前状态", "来源单位已确认（第 2 轮）"]
    assert _row(cells, "信息来源")[1] == "转载"
    assert _row(cells, "转载来源网站")[1] == "中国政府网"
    assert _row(cells, "转载时间")[1] == time_text(REPRINTED)
    assert _row(cells, "转载链接")[1] == GOV_URL
    assert _row(cells, "是否重要敏感")[1] == "是（重要或敏感信息）"
    assert _row(cells, "请示答复意见")[1] == "县委网信办（2024年5月7日）：经研判，可以发布。"
    # The matrix: ticks, a tick with a note, a note instead of a tick; one column per stage.
    heading = _row(cells, "审核内容（第十一条）")
    assert heading[2:] == ["初审\n信息采编员", "二审\n科室负责人", "三审\n分管领导"]
    first_point = _row(cells, "（一）是否涉及国家秘密、商业秘密、个人隐私")
    assert first_point[2:] == [f"{TICK}（咨询电话为公开号码）", TICK, TICK]
    assert _row(cells, "（六）当前对外发布是否适宜")[2:] == ["建议工作日上午发布", TICK, TICK]
    assert _row(cells, "（五）质量审核")[2:] == [TICK, TICK, TICK]
    signed = _signed_at(db, post_id)
    for label, signer, opinion, stage in (("初审意见\n（信息采编员）", "李强", "已核对来源，同意报二审。", "first"),
                                          ("二审意见\n（科室负责人）", "赵敏", "同意。", "second"),
                                          ("三审意见\n（分管领导）", "陈军", "同意发布。", "third")):
        assert _row(cells, label)[1] == f"{opinion}\n审核人：{signer}　　时间：{time_text(signed[(2, stage)])}"
    assert _row(cells, "退回记录")[1] == (
        f"第 1 轮二审（科室负责人）赵敏于{time_text(signed[(1, 'second')])}退回，理由：第二段数据与原文不一致")
    finding = _row(cells, "自动检查提示")[1]
    assert finding.startswith("手机号码“139****1234”：系公开的咨询电话（李强，") and "13985571234" not in finding
    assert _row(cells, "发布网址")[1] == PUBLISHED_URL
    assert _row(cells, "发布时间")[1] == time_text(datetime(2024, 5, 7, 2, 0))
    confirmed = _row(cells, "来源单位确认人")
    assert confirmed[1] == "县政务服务中心 刘敏" and confirmed[3] == time_text(datetime(2024, 5, 8, 3, 0))
    assert "生成日期：2024年5月8日" in doc.paragraphs[-1].text
    # Chinese text names its font on w:eastAsia; the footer carries a PAGE field.
    fonts = doc.tables[0].rows[0].cells[1].paragraphs[0].runs[0]._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"  # a value; labels are 黑体
    assert "PAGE" in doc.sections[0].footer._element.xml
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None and (entry.action, entry.record_type) == ("export", "post")


def test_sheet_of_collected_and_first_publication_drafts(db: Database, people: dict[str, Actor],
                                                         tmp_path: Path) -> None:
    editor = people["editor"]
    collected = _do(db, lambda s: create_post(s, editor, _form(
        source_kind=SourceKind.COLLECTED, source_department="县教育局", source_url="https://www.jinping.gov.cn/x.html",
        sensitive=False), today=date(2024, 5, 6)).id)
    original = _do(db, lambda s: create_post(s, editor, _form(
        source_kind=SourceKind.ORIGINAL, basis_kind="正式公函", basis_reference="锦教函〔2024〕3号", sensitive=False,
        major_emergency=True), today=date(2024, 5, 6)).id)
    _do(db, add_attachment, editor, original, "公函.pdf", b"%PDF-1.4 demo", purpose="basis")
    cells = _cells(_do(db, export_review_sheet, editor, collected, tmp_path / "a.docx"))
    assert _row(cells, "信息来源")[1] == "采集"
    assert _row(cells, "报送单位")[1] == "县教育局" and _row(cells, "已发布网址")[1] == "https://www.jinping.gov.cn/x.html"
    assert _row(cells, "是否重要敏感")[1] == "否" and not any(r[0] == "请示答复意见" for r in cells)
    assert _row(cells, "（一）法规审核")[2:] == ["", "", ""]  # nobody has reviewed it yet
    assert _row(cells, "初审意见\n（信息采编员）")[1] == "\n审核人：　　　　　　时间："
    assert _row(cells, "退回记录")[1] == "无" and _row(cells, "自动检查提示")[1] == "无"
    cells = _cells(_do(db, export_review_sheet, editor, original, tmp_path / "b.docx"))
    assert [_row(cells, label)[1] for label in ("信息来源", "首发依据", "依据出处", "依据扫描件")] == [
        "首发", "正式公函", "锦教函〔2024〕3号", "公函.pdf"]
    assert _row(cells, "是否重要敏感")[1] == "是（涉及重特大突发事件、突发性群体事件）"
    assert _row(cells, "请示答复意见")[1] == "尚未记录请示答复意见"
    with pytest.raises(ValidationError, match=r"\.docx"):
        _do(db, export_review_sheet, editor, original, tmp_path / "b.pdf")
    with pytest.raises(PermissionDenied):
        _do(db, export_review_sheet, people["clerk"], original, tmp_path / "c.docx")


def _sheet_rows(path: Path, sheet: str | None = None) -> list[list[Any]]:
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.active
    assert ws is not None
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # no formulas, whatever the text
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_register_of_posts(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    post_id = _confirmed_post(db, people)
    _do(db, lambda s: create_post(s, people["editor"], _form(title="=SUM(A1:A3) 不是公式", sensitive=False),
                                  today=date(2024, 6, 1)))
    _do(db, lambda s: create_post(s, people["editor"], _form(title="下一年的稿件"), today=date(2025, 1, 2)))
    path = tmp_path / "稿件.xlsx"
    progress: list[tuple[int, int]] = []
    assert _do(db, export_post_register, people["head"], path, 2024, progress=lambda d, t: progress.append((d, t))) == 2
    rows = _sheet_rows(path, "稿件登记台账")  # the full sheet, beside the print sheet
    assert rows[0][0] == "锦屏县人民政府门户网站（政务新媒体）稿件登记台账（2024年）"
    assert tuple(rows[1]) == REGISTER_HEADERS == (
        "编号", "标题", "栏目/账号", "形式", "来源类型", "来源", "作者", "状态", "轮次",
        "初审（签署人、时间）", "二审（签署人、时间）", "三审（签署人、时间）", "发布时间", "网址", "来源单位确认",
        "变更类型", "原稿编号")
    signed = _signed_at(db, post_id)  # the final round's signatures (round 2), not the returned round's
    first = rows[2]
    assert first[:9] == ["2024-1", "国务院办公厅关于优化营商环境的通知", "政策文件", "文字", "转载",
                         first[5], "王芳", "来源单位已确认", 2]
    assert first[5].startswith("中国政府网，") and first[5].endswith(GOV_URL)
    assert first[9:12] == [f"李强，{local_text(signed[(2, 'first')])}", f"赵敏，{local_text(signed[(2, 'second')])}",
                           f"陈军，{local_text(signed[(2, 'third')])}"]
    # A real Excel date-time in local time, shown to the minute.
    assert first[12] == datetime.strptime(local_text(datetime(2024, 5, 7, 2, 0)), "%Y-%m-%d %H:%M")
    assert load_workbook(path)["稿件登记台账"]["M3"].number_format == "yyyy-mm-dd hh:mm"
    assert first[13] == PUBLISHED_URL and first[14].startswith("县政务服务中心 刘敏，")
    assert first[15:] == ["新发布", None]
    assert rows[3][1] == "=SUM(A1:A3) 不是公式" and rows[3][7] == "草稿" and rows[3][9] is None
    assert progress[0] == (0, 2) and progress[-1] == (2, 2)
    with pytest.raises(ExportCancelled):
        _do(db, export_post_register, people["head"], tmp_path / "x.xlsx", 2024, cancel=lambda: True)
    assert not (tmp_path / "x.xlsx").exists()


def _inspect(db: Database, actor: Actor, day: date, **kw: object) -> None:
    form = InspectionForm(day=day, checked_notes="浏览首页及各栏目")
    for key, value in kw.items():
        setattr(form, key, value)
    _do(db, record_inspection, actor, form, date(2024, 12, 31))


def test_inspection_log_for_a_month_and_a_year(db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    editor = people["editor"]
    _inspect(db, editor, date(2024, 5, 6))
    _inspect(db, editor, date(2024, 5, 7), links_ok=False, problems="=外部链接失效", correction="已更新链接",
             corrected_on=date(2024, 5, 8))
    _inspect(db, editor, date(2024, 6, 3))
    path = tmp_path / "巡检.xlsx"
    assert _do(db, export_inspections, people["head"], path, 2024, 5, today=date(2024, 12, 31)) == 2
    rows = _sheet_rows(path)
    assert rows[0][0] == "锦屏县人民政府门户网站（政务新媒体）日常巡检记录（2024年5月）"
    assert tuple(rows[1]) == INSPECTION_HEADERS == (
        "日期", "巡检人", "网站可访问", "链接正常", "栏目更新", "内容质量", "检查情况", "发现问题", "整改情况",
        "整改日期")
    assert rows[2][0].date() == date(2024, 5, 6) and rows[2][1:6] == ["王芳", "是", "是", "是", "是"]
    assert rows[3][2:10] == ["是", "否", "是", "是", "浏览首页及各栏目", "=外部链接失效", "已更新链接", rows[3][9]]
    assert rows[3][9].date() == date(2024, 5, 8)
    note = rows[5][0]
    # 5月11日 is a Saturday made a working day (调休), so it is missing too.
    assert note.startswith("共 2 条巡检记录。没有巡检记录的工作日：5月8日、5月9日、5月10日、5月11日、5月13日")
    assert _do(db, export_inspections, people["head"], path, 2024, today=date(2024, 12, 31)) == 3
    with pytest.raises(ValidationError, match="月份"):
        _do(db, export_inspections, people["head"], path, 2024, 13)
    with db.session_factory() as s:
        assert s.scalar(select(AuditEntry.summary).where(AuditEntry.record_type == "inspection_log")
                        .order_by(AuditEntry.seq)) == "导出日常巡检记录 2024年5月 2 条（巡检.xlsx）"


def test_commands(db: Database, people: dict[str, Actor], data_dir: Path, tmp_path: Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    _confirmed_post(db, people)
    _inspect(db, people["editor"], date(2024, 5, 6))
    base = ["--data-dir", str(data_dir), "export"]
    sheet = tmp_path / "sheet.docx"
    assert main([*base, "review-sheet", "2024-1", "-o", str(sheet)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出稿件 2024-1 的信息审核发布单到 {sheet}"
    assert _row(_cells(sheet), "编号")[1] == "2024-1"
    assert main([*base, "review-sheet", "2024-99", "-o", str(sheet)]) == 2
    assert "没有编号为“2024-99”的稿件" in capsys.readouterr().err
    register = tmp_path / "posts.xlsx"
    assert main([*base, "register", "posts", "--year", "2024", "-o", str(register)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出 2024 年的稿件 1 篇到 {register}"
    assert main([*base, "register", "posts", "--year", "24", "-o", str(register)]) == 2
    assert "四位年份" in capsys.readouterr().err
    log = tmp_path / "log.xlsx"
    assert main([*base, "inspections", "--year", "2024", "--month", "5", "-o", str(log)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出 2024年5月的日常巡检记录 1 条到 {log}"
    assert main([*base, "inspections", "--year", "2024", "--month", "13", "-o", str(log)]) == 2
    assert main([*base, "inspections", "--year", "2024", "-o", str(tmp_path / "log.csv")]) == 2
    assert "应以 .xlsx" in capsys.readouterr().err
    with db.session_factory() as s:
        exports = s.execute(select(AuditEntry.record_type, AuditEntry.username)
                            .where(AuditEntry.action == "export").order_by(AuditEntry.seq)).all()
    assert [tuple(e) for e in exports] == [("post", "system"), ("post_register", "system"),
                                           ("inspection_log", "system")]


def test_demo_fills_every_state(db: Database, tmp_path: Path) -> None:
    today = DEMO_TODAY
    assert any(line.startswith("发布审核：示例稿件") for line in filled_demo(db, today))
    with db.session_factory() as s:
        states = set(s.scalars(select(Post.status)))
        assert states == {status.value for status in PostStatus}
        posts = s.scalars(select(Post)).all()
        assert {p.change_kind for p in posts} == {"new", "correction", "withdrawal"}
        assert any(p.escalation_answer for p in posts if p.sensitive or p.major_emergency)
        assert any(p.source_justification for p in posts if p.source_kind == SourceKind.REPRINT.value)
        assert all(any(a.purpose == "basis" for a in p.attachments) for p in posts
                   if p.source_kind == SourceKind.ORIGINAL.value and p.status != PostStatus.DRAFT.value)
        assert any(p.round > 1 for p in posts if p.status == PostStatus.CONFIRMED.value)
        stale = [c.column for c in column_status(s) if c.overdue(today)]
        assert stale == ["乡镇动态"]
        days = set(s.scalars(select(Inspection.day)))
        workdays = load_calendar(s).workdays_in(date(2024, 9, 20), date(2024, 11, 19))
        assert 0.8 * len(workdays) < len(days) < len(workdays)
        assert s.scalars(select(Inspection).where(Inspection.corrected_on.is_not(None))).first() is not None
        assert all(p.published_at is None or p.published_at.date() <= today for p in posts)
    # The demo's posts export: a sheet per post and the year's register read back.
    with db.session_factory.begin() as s:
        post = s.scalars(select(Post).where(Post.round > 1, Post.status == PostStatus.CONFIRMED.value)).first()
        assert post is not None
        export_review_sheet(s, Actor.system(), post.id, tmp_path / "demo.docx")
        # start_change numbers a correction or withdrawal by the real date, not the demo's "today".
        numbered_2024 = [p for p in posts if p.post_no.startswith("2024-")]
        assert export_post_register(s, Actor.system(), tmp_path / "demo.xlsx", 2024) == len(numbered_2024)
    assert _row(_cells(tmp_path / "demo.docx"), "退回记录")[1].startswith("第 1 轮")


def test_review_sheet_labels_are_heiti_not_fake_bold_fangsong_and_margins_keep_it_short(
        db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    from docx import Document as _Document
    from docx.oxml.ns import qn as _qn

    post_id = _confirmed_post(db, people)
    path = tmp_path / "单.docx"
    _do(db, export_review_sheet, people["head"], post_id, path)
    doc = _Document(str(path))
    section = doc.sections[0]
    assert section.top_margin is not None and round(section.top_margin.mm) == 15
    assert section.bottom_margin is not None and round(section.bottom_margin.mm) == 15
    for run in doc.tables[0]._tbl.iter(_qn("w:r")):
        rpr = run.find(_qn("w:rPr"))
        fonts = rpr.find(_qn("w:rFonts")) if rpr is not None else None
        bold = rpr.find(_qn("w:b")) if rpr is not None else None
        is_bold = bold is not None and bold.get(_qn("w:val"), "1") not in ("0", "false")
        if fonts is not None and fonts.get(_qn("w:eastAsia")) == "仿宋_GB2312":
            assert not is_bold  # 仿宋 has no bold face: never a faked one
    labels = [c for c in doc.tables[0].rows[0].cells if c.text == "编号"]
    assert labels and labels[0].paragraphs[0].runs[0]._r.find(_qn("w:rPr")).find(
        _qn("w:rFonts")).get(_qn("w:eastAsia")) == "黑体"


def test_inspection_log_counts_missed_days_as_the_dashboard_does(
    db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    from sqlalchemy import update

    from app.review.inspections import days_without_inspection

    editor = people["editor"]
    _inspect(db, editor, date(2024, 5, 6))  # kept on paper before the program came: typed in afterwards
    _inspect(db, editor, date(2024, 5, 7))
    with db.session_factory.begin() as s:  # the program was installed on Thursday 2024-05-09 (04:00 UTC)
        s.execute(update(AuditEntry).values(at=datetime(2024, 5, 9, 4, 0)))
    path = tmp_path / "巡检.xlsx"
    today = date(2024, 5, 14)  # a Tuesday, not over yet
    assert _do(db, export_inspections, people["head"], path, 2024, 5, today=today) == 2
    note = _sheet_rows(path)[5][0]
    # 5月8日 (Wednesday) is before installation; 5月9日、10日、11日 (Saturday, 调休 working day) and 13日 are
    # missed; 5月14日 is today. 5月1日-5日 are the 劳动节 holiday.
    assert note == "共 2 条巡检记录。没有巡检记录的工作日：5月9日、5月10日、5月11日、5月13日"
    with db.session_factory() as s:
        dashboard = [d for d in days_without_inspection(s, load_calendar(s), today) if d < today]
    assert dashboard == [date(2024, 5, 9), date(2024, 5, 10), date(2024, 5, 11), date(2024, 5, 13)]
    # A month wholly before installation has missed nothing.
    assert _do(db, export_inspections, people["head"], path, 2024, 4, today=today) == 0
    assert _sheet_rows(path)[-1][0] == "共 0 条巡检记录。没有巡检记录的工作日：无"


def test_review_sheet_of_a_full_post_prints_on_one_a4_page(db: Database, people: dict[str, Actor],
                                                          tmp_path: Path) -> None:
    from tests.pdf_support import page_texts, to_pdf

    # A reprint with its three source rows, a 请示, a return, a finding and notes in the matrix.
    post_id = _confirmed_post(db, people)
    path = _do(db, export_review_sheet, people["head"], post_id, tmp_path / "单.docx", date(2024, 5, 8))
    pages = page_texts(to_pdf(path))
    assert len(pages) == 1, [p[-80:] for p in pages]
    text = pages[0].replace("\r", "").replace(" ", "")  # the PDF spaces digits from Chinese
    for label in ("信息审核发布单", "审核内容（第十一条）", "三审意见", "来源单位确认人", "生成日期：2024年5月8日"):
        assert label in text, label
