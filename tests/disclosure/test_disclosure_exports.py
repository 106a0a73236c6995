"""The disclosure register (Excel) and the public catalogue (Excel and Word), opened and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cli import main
from app.context import Actor
from app.disclosure.catalogue import catalogue_sections, export_catalogue
from app.disclosure.enums import CATEGORIES, Decision, DocKind
from app.disclosure.register_export import HEADERS, export_register
from app.disclosure.service import ItemForm, create_item, decide, new_version, publish, repeal, secrecy_review
from app.errors import PermissionDenied
from app.export_progress import ExportCancelled
from app.workdays.calendar import WorkCalendar
from reports.disclosure_catalogue import EMPTY_TEXT
from reports.docx_layout import text_width_chars
from tests.db_support import DEMO_TODAY, filled_demo
from tests.seen_hashes import seen_item

CAL = WorkCalendar()
TODAY = date(2024, 12, 20)
URL = "https://www.jinping.gov.cn/zwgk/xxgkml/202410/t20241023_1.html"


@pytest.fixture
def people(make_user):
    return {"clerk": make_user("clerk", Role.DISCLOSURE_STAFF),
            "head": make_user("head", Role.SECTION_HEAD, display_name="赵敏")}


def _form(title: str, category: int = 2, formed: date = date(2024, 3, 1), **kw: object) -> ItemForm:
    form = ItemForm(title=title, category=category, section="文书科", formed_on=formed)
    for k, v in kw.items():
        setattr(form, k, v)
    return form


class Office:
    """Drives the services as a clerk and a section head would."""

    def __init__(self, db: Database, people: dict[str, Actor]) -> None:
        self.db, self.clerk, self.head = db, people["clerk"], people["head"]

    def add(self, form: ItemForm) -> int:
        with self.db.session_factory.begin() as s:
            return create_item(s, self.clerk, form, CAL, TODAY).id

    def review(self, item_id: int, day: date, opinion: str = "经审查，不涉密，同意公开。") -> None:
        with self.db.session_factory.begin() as s:
            secrecy_review(s, self.head, item_id, opinion, day, seen_hash=seen_item(s, item_id))

    def publish(self, item_id: int, day: date) -> None:
        with self.db.session_factory.begin() as s:
            decide(s, self.clerk, item_id, Decision.PROACTIVE, CAL)
            publish(s, self.clerk, item_id, ["政务新媒体", "政府门户网站"], day, URL, TODAY)

    def run(self, fn, *args, **kw):
        with self.db.session_factory.begin() as s:
            return fn(s, *args, **kw)


@pytest.fixture
def office(db: Database, people) -> Office:
    return Office(db, people)


def _rows(path: Path) -> list[list[Any]]:
    wb = load_workbook(path)
    # A register's full sheet sits beside its print sheet; the catalogue has one sheet.
    ws = wb["主动公开事项登记台账"] if "主动公开事项登记台账" in wb.sheetnames else wb.active
    assert ws is not None
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_register_lists_every_version_in_number_order(office: Office, db: Database, tmp_path: Path) -> None:
    ids = [office.add(_form(f"第{i}件信息", formed=date(2024, 3, i))) for i in range(1, 11)]
    office.add(_form("=HYPERLINK(\"http://x\")", category=10, formed=date(2024, 9, 20), doc_no="-5号"))
    office.review(ids[0], date(2024, 3, 4))
    office.publish(ids[0], date(2024, 5, 6))  # due 2024-03-29: late
    office.review(ids[1], date(2024, 3, 4), "涉及内部人事管理")
    office.run(decide, office.clerk, ids[1], Decision.WITHHELD, CAL, withhold_reason=4,
               legal_basis="《中华人民共和国政府信息公开条例》第十六条第一款")
    office.run(new_version, office.clerk, ids[2], _form("第3件信息（修订）", formed=date(2024, 6, 3)), CAL, TODAY)
    office.add(_form("上一年的信息", formed=date(2023, 12, 29)))
    path = tmp_path / "台账.xlsx"
    progress: list[tuple[int, int]] = []
    with db.session_factory.begin() as s:
        count = export_register(s, Actor.system(), path, 2024, progress=lambda d, t: progress.append((d, t)))
    assert count == 12 and progress[-1] == (12, 12)
    rows = _rows(path)
    assert rows[0][0] == "锦屏县人民政府办公室政府信息主动公开事项登记台账（2024年）"
    assert tuple(rows[1]) == HEADERS
    data = rows[2:]
    col = {h: i for i, h in enumerate(HEADERS)}
    assert [(r[0], r[1]) for r in data][:4] == [("GK-2024-1", 1), ("GK-2024-2", 1), ("GK-2024-3", 1), ("GK-2024-3", 2)]
    assert [r[0] for r in data][-2:] == ["GK-2024-10", "GK-2024-11"]  # 10 after 9, not after 1
    late = data[0]
    assert late[col["类别"]] == "（三）以县政府或县政府办公室名义印发的主动公开文件"
    assert late[col["保密审查（审查人、日期、意见）"]] == "赵敏，2024-03-04：经审查，不涉密，同意公开。"
    assert late[col["发布渠道"]] == "政府门户网站、政务新媒体" and late[col["网址"]] == URL
    assert late[col["发布期限"]].date() == date(2024, 3, 29) and late[col["发布日期"]].date() == date(2024, 5, 6)
    assert "逾期发布" in late[col["备注"]] and late[col["状态"]] == "已公开"
    withheld = data[1]
    assert withheld[col["公开方式"]] == "不予公开" and withheld[col["发布期限"]] is None
    assert withheld[col["不予公开理由"]].startswith("（五）内部事务信息")
    assert withheld[col["法律依据"]] == "《中华人民共和国政府信息公开条例》第十六条第一款"
    assert data[2][col["状态"]] == "已被新版本替代" and data[3][col["形成/变更日期"]].date() == date(2024, 6, 3)
    ws = load_workbook(path)["主动公开事项登记台账"]
    assert ws is not None
    cell = ws.cell(row=2 + 12, column=col["标题"] + 1)  # GK-2024-11, the last of 12 rows
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"  # text, never a formula
    assert ws.cell(row=2 + 12, column=col["文号"] + 1).value == "-5号"
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == f"A2:Q{2 + 12}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"


def test_register_export_is_audited_and_cancel_leaves_no_file(office: Office, db: Database, tmp_path: Path) -> None:
    office.add(_form("某信息"))
    path = tmp_path / "cancelled.xlsx"
    with pytest.raises(ExportCancelled), db.session_factory.begin() as s:
        export_register(s, Actor.system(), path, 2024, cancel=lambda: True)
    assert not path.exists() and not list(tmp_path.iterdir())
    with pytest.raises(PermissionDenied), db.session_factory.begin() as s:
        export_register(s, Actor(None, "guest", "访客"), tmp_path / "x.xlsx", 2024)
    with db.session_factory.begin() as s:
        export_register(s, Actor.system(), tmp_path / "ok.xlsx", 2024)
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.record_type == "disclosure_register" and entry.username == "system" and "ok.xlsx" in entry.summary


def _published_world(office: Office) -> dict[str, int]:
    a = office.add(_form("锦屏县人民政府关于印发甲办法的通知", doc_no="锦府发〔2024〕3号", doc_kind=DocKind.NORMATIVE))
    b = office.add(_form("县长在全县经济工作会议上的讲话", category=6, formed=date(2024, 2, 1)))
    c = office.add(_form("锦屏县城乡低保标准调整情况", category=10, formed=date(2024, 4, 1)))
    later = office.add(_form("年底发布的信息", category=0, formed=date(2024, 11, 1)))
    for item_id, day in ((a, date(2024, 3, 8)), (b, date(2024, 2, 5)), (c, date(2024, 4, 10)),
                         (later, date(2024, 11, 20))):
        office.review(item_id, day)
        office.publish(item_id, day)
    office.run(repeal, office.clerk, a, date(2024, 9, 1))
    second = office.run(new_version, office.clerk, c, _form("锦屏县城乡低保标准调整情况（更新）", category=10,
                                                           formed=date(2024, 10, 8)), CAL, TODAY).id
    office.review(second, date(2024, 10, 9))
    office.publish(second, date(2024, 10, 10))
    office.add(_form("尚未发布的信息", category=5))
    return {"a": a, "b": b, "c": c, "later": later, "second": second}


def test_catalogue_sections_follow_rule_order_and_cut_off(office: Office, db: Database) -> None:
    _published_world(office)
    with db.session_factory() as s:
        everything = catalogue_sections(s)
        until_june = catalogue_sections(s, date(2024, 6, 30))
    assert [sec.heading for sec in everything] == [f"{n}、{c}" for n, c in zip(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), CATEGORIES, strict=True)]
    assert [e.title for e in everything[10].entries] == ["锦屏县城乡低保标准调整情况（更新）"]  # latest version only
    assert [e.title for e in until_june[10].entries] == ["锦屏县城乡低保标准调整情况"]
    assert everything[0].entries and not until_june[0].entries
    assert until_june[2].entries[0].repealed_on is None and everything[2].entries[0].repealed_on == date(2024, 9, 1)
    assert not everything[5].entries  # recorded but not published


def test_catalogue_excel(office: Office, db: Database, tmp_path: Path) -> None:
    _published_world(office)
    path = tmp_path / "目录.xlsx"
    with db.session_factory.begin() as s:
        assert export_catalogue(s, Actor.system(), path, year=2024) == 4
    rows = _rows(path)
    assert rows[0][0] == "锦屏县人民政府办公室政府信息公开目录（截至2024年12月31日）"
    assert rows[1] == ["序号", "类别", "文号", "标题", "发布日期", "网址", "备注"]
    headings = list(dict.fromkeys(r[1] for r in rows[2:]))
    assert headings == [f"{n}、{c}" for n, c in zip(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), CATEGORIES, strict=True)]
    empty = [r for r in rows[2:] if r[3] == EMPTY_TEXT]
    assert len(empty) == 12 - 4
    doc = next(r for r in rows[2:] if r[2] == "锦府发〔2024〕3号")
    assert doc[0] == 1 and doc[4].date() == date(2024, 3, 8) and doc[5] == URL and doc[6] == "已于2024年9月1日废止"


def test_catalogue_word_in_official_layout(office: Office, db: Database, tmp_path: Path) -> None:
    _published_world(office)
    path = tmp_path / "目录.docx"
    with db.session_factory.begin() as s:
        export_catalogue(s, Actor.system(), path, today=date(2024, 12, 20))
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "锦屏县人民政府办公室政府信息公开目录" and texts[1] == "（截至2024年12月20日）"
    headings = [t for t in texts if "、" in t[:3]]
    assert headings[0] == "一、县政府领导分工、机构信息等" and headings[-1] == "十二、其他主动公开的政府信息"
    assert len(headings) == 12 and texts.count(EMPTY_TEXT) == 8
    assert texts.index("三、以县政府或县政府办公室名义印发的主动公开文件") < texts.index("四、建议、提案办理信息")
    assert len(doc.tables) == 4
    table = doc.tables[1]  # 三、 documents
    assert [c.text for c in table.rows[0].cells] == ["序号", "文号", "标题", "发布日期", "网址"]
    assert [c.text for c in table.rows[1].cells] == ["1", "锦府发〔2024〕3号",
                                                    "锦屏县人民政府关于印发甲办法的通知（已于2024年9月1日废止）",
                                                    "2024-03-08", URL]
    # A whole 文号 fits its column on one line: 7 full-width + 7 half-width characters at 10.5 pt,
    # plus the default cell margins (2 × 5.4 pt).
    need = Pt(text_width_chars("锦府办发〔2024〕123号") * 10.5 + 10.8)
    assert table.columns[1].width is not None and table.columns[1].width >= need

    def east_asia(paragraph: Any) -> str:
        return str(paragraph.runs[0]._r.get_or_add_rPr().find(qn("w:rFonts")).get(qn("w:eastAsia")))

    assert east_asia(doc.paragraphs[0]) == "方正小标宋简体"
    heading = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert east_asia(heading) == "黑体"
    assert heading.paragraph_format.keep_with_next
    section = doc.sections[0]
    sizes = (section.page_width, section.top_margin, section.left_margin)
    assert [round(x.mm) if x is not None else None for x in sizes] == [210, 37, 28]


def test_cli_exports_register_and_catalogue(office: Office, data_dir: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _published_world(office)
    register = tmp_path / "reg.xlsx"
    assert main(["--data-dir", str(data_dir), "export", "register", "disclosures", "--year", "2024",
                 "-o", str(register)]) == 0
    assert "已导出 2024 年的主动公开事项 6 条" in capsys.readouterr().out
    assert _rows(register)[2][0] == "GK-2024-1"
    catalogue = tmp_path / "cat.docx"
    assert main(["--data-dir", str(data_dir), "export", "catalogue", "-o", str(catalogue)]) == 0
    assert "4 条" in capsys.readouterr().out and catalogue.exists()
    assert main(["--data-dir", str(data_dir), "export", "catalogue", "-o", str(tmp_path / "cat.pdf")]) == 2
    assert "应以 .xlsx" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "export", "register", "disclosures", "--year", "24",
                 "-o", str(register)]) == 2
    with office.db.session_factory() as s:
        exports = s.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.seq)).all()
    assert [(e.record_type, e.username) for e in exports] == [("disclosure_register", "system"),
                                                            ("disclosure_catalogue", "system")]


def test_demo_year_has_every_state_and_exports(db: Database, tmp_path: Path) -> None:
    from app.dashboard import Urgency, collect
    from app.disclosure.enums import ItemStatus
    from app.disclosure.figures import part2
    from app.disclosure.models import DisclosureItem

    today = DEMO_TODAY
    assert any(line.startswith("主动公开：示例公开事项") for line in filled_demo(db, today))
    with db.session_factory() as s:
        items = s.scalars(select(DisclosureItem)).all()
        assert 38 <= len(items) <= 45 and {i.status for i in items} == {st.value for st in ItemStatus}
        assert {i.category for i in items} == set(range(12))
        assert all(i.formed_on <= today and (i.published_on is None or i.published_on <= today) for i in items)
        assert any(i.repealed_on for i in items) and sum(i.doc_kind == DocKind.NORMATIVE.value for i in items) >= 5
        assert len([i for i in items if i.withhold_reason is not None and i.legal_basis]) == 3
        dashboard = {i.urgency for i in collect(s, Actor.system(), today) if i.area == "主动公开"}
        assert {Urgency.OVERDUE, Urgency.DUE_SOON} <= dashboard
        assert part2(s, 2024).licensing == 1286
    with db.session_factory.begin() as s:
        assert export_register(s, Actor.system(), tmp_path / "r.xlsx", 2024) > 0
        assert export_catalogue(s, Actor.system(), tmp_path / "c.docx") > 0
