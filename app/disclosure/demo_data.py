"""Demo 主动公开 items: a county office's year of proactive disclosure around DemoContext.today.

Every item goes through the real services (record, secrecy review by the section head, decision,
publication, delay, new version, repeal), so the demo shows what the program itself produces.
Dates are working days counted back from `today`, so the dashboard always has something due soon
and something overdue, whatever day the demo is made on.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from app.demo import DemoContext, DemoWriter, demo_docx, register_filler
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.figures import save_year_figures
from app.disclosure.models import DisclosureItem
from app.disclosure.service import (
    ItemForm,
    add_attachment,
    create_item,
    decide,
    delay,
    end_delay,
    new_version,
    publish,
    repeal,
    secrecy_content,
    secrecy_review,
)
from app.signoff.content import content_hash

N = DocKind.NORMATIVE
X = DocKind.NONE
# (working days ago formed, category, section, title, 文号 prefix, kind, fate, fate argument); in titles
# {year} is the year the item was formed and {prev} the year before, so the demo fits any "today".
# Fates: ontime / late (argument: working days from forming to publication), overdue, overdue_draft,
# soon, fresh, withheld (argument: 第七条 reason), on_request, delayed, delay_ended (argument:
# working days ago the cause ended), repealed (argument: working days ago), versioned (argument:
# working days ago the document changed).
SPECS: tuple[tuple[int, int, str, str, str, DocKind, str, int], ...] = (
    (238, 11, "信息中心", "锦屏县人民政府办公室{prev}年政府信息公开工作年度报告", "", X, "ontime", 12),
    (232, 0, "文书科", "锦屏县人民政府关于调整县人民政府领导工作分工的通知", "锦府发", X, "ontime", 4),
    (230, 1, "综合科", "锦屏县人民政府办公室领导班子成员工作分工", "", X, "ontime", 6),
    (226, 2, "文书科", "锦屏县人民政府关于印发《锦屏县城市道路挖掘占用管理规定》的通知", "锦府发", N, "repealed", 60),
    (221, 4, "信息中心", "{year}年锦屏县人民政府工作报告", "", X, "ontime", 3),
    (214, 2, "文书科", "锦屏县人民政府办公室关于印发《锦屏县政府投资项目管理办法》的通知", "锦府办发", N,
     "versioned", 70),
    (205, 10, "行政科", "锦屏县人民政府办公室{year}年部门预算及“三公”经费预算", "", X, "ontime", 15),
    (198, 8, "文书科", "锦屏县人民政府关于杨光明等同志职务任免的通知", "锦府任", X, "ontime", 5),
    (190, 7, "综合科", "锦屏县人民政府第十二次常务会议主要内容", "", X, "late", 26),
    (183, 2, "文书科", "锦屏县人民政府关于印发《锦屏县城区生活垃圾分类管理办法》的通知", "锦府发", N, "ontime", 9),
    (181, 4, "信息中心", "《锦屏县城区生活垃圾分类管理办法》政策解读", "", X, "ontime", 11),
    (176, 5, "信息中心", "锦屏县第三届清水江木商文化旅游节开幕", "", X, "ontime", 2),
    (168, 3, "文书科", "关于县十八届人大三次会议第15号建议办理情况的答复", "锦府办函", X, "ontime", 14),
    (165, 3, "文书科", "关于县政协十届三次会议第28号提案办理情况的答复", "锦府办函", X, "late", 24),
    (160, 11, "信息中心", "锦屏县人民政府信息公开指南（{year}年修订）", "", X, "ontime", 7),
    (152, 2, "文书科", "锦屏县人民政府办公室关于印发《锦屏县农村集体经济组织资产管理办法（试行）》的通知",
     "锦府办发", N, "ontime", 16),
    (146, 10, "信息中心", "锦屏县{year}年城乡居民最低生活保障标准调整情况", "", X, "ontime", 10),
    (140, 1, "综合科", "县人民政府办公室{year}年干部年度考核工作方案", "", X, "withheld", 4),
    (133, 6, "信息中心", "县长在全县安全生产工作会议上的讲话", "", X, "ontime", 5),
    (126, 2, "文书科", "锦屏县人民政府办公室关于印发锦屏县防汛抗旱应急预案的通知", "锦府办发", X, "ontime", 8),
    (118, 9, "信息中心", "{year}年上半年县人民政府重点督办事项完成情况", "", X, "late", 31),
    (110, 4, "文书科", "关于锦屏县城北片区棚户区改造项目的请示", "", X, "withheld", 5),
    (103, 10, "行政科", "锦屏县人民政府办公室{prev}年度部门决算", "", X, "ontime", 13),
    (96, 2, "文书科", "锦屏县人民政府办公室关于印发《锦屏县农村危房改造补助资金管理办法》的通知", "锦府办发",
     N, "ontime", 6),
    (88, 10, "信息中心", "锦屏县{year}年义务教育阶段学校招生工作方案", "", X, "on_request", 0),
    (80, 9, "综合科", "锦屏县{year}年度社会稳定风险排查情况", "", X, "withheld", 2),
    (72, 10, "行政科", "锦屏县城区国有土地上房屋征收补偿方案", "", X, "delayed", 0),
    (64, 5, "信息中心", "锦屏县{year}年招商引资项目集中签约活动", "", X, "ontime", 3),
    (55, 2, "文书科", "锦屏县人民政府办公室关于做好今冬明春森林防火工作的通知", "锦府办函", X, "ontime", 4),
    (47, 10, "行政科", "锦屏县本级预算调整方案", "", X, "delay_ended", 6),
    (40, 1, "综合科", "县人民政府办公室公务用车配置情况", "", X, "on_request", 0),
    (33, 7, "综合科", "锦屏县人民政府第三次全体会议主要内容", "", X, "ontime", 5),
    (28, 6, "信息中心", "县长带队调研三江镇乡村振兴工作", "", X, "overdue", 0),
    (25, 2, "文书科", "锦屏县人民政府关于印发《锦屏县城市供水管理办法》的通知", "锦府发", N, "overdue_draft", 0),
    (22, 8, "文书科", "锦屏县人民政府关于吴建华等同志职务任免的通知", "锦府任", X, "overdue", 0),
    (19, 10, "信息中心", "锦屏县道路交通安全隐患排查整治工作方案", "", X, "soon", 0),
    (18, 3, "文书科", "县人民政府办公室人大代表建议和政协提案办理工作总结", "", X, "soon", 0),
    (12, 4, "信息中心", "锦屏县城乡供水一体化工程建设情况说明", "", X, "ontime", 6),
    (6, 11, "信息中心", "锦屏县政务服务中心窗口服务时间调整的公告", "", X, "fresh", 0),
    (3, 0, "文书科", "锦屏县人民政府关于县人民政府组成部门机构调整情况的通知", "锦府发", X, "fresh", 0),
)
WITHHOLD = {
    4: ("经审查，该信息属于内部人事管理事务，不属于应主动公开的政府信息。",
        "《中华人民共和国政府信息公开条例》第十六条第一款"),
    5: ("经审查，该信息为上报前的请示及过程稿，属过程性信息。", "《中华人民共和国政府信息公开条例》第十六条第二款"),
    2: ("经审查，该信息公开后可能影响社会稳定，不宜公开。", "《中华人民共和国政府信息公开条例》第十四条"),
}
OTHER_BODIES = {"锦屏县{year}年城乡居民最低生活保障标准调整情况": "县民政局、县财政局",
                "锦屏县{year}年义务教育阶段学校招生工作方案": "县教育局",
                "锦屏县城乡供水一体化工程建设情况说明": "县水务局"}
REVIEW_OK = "经审查，不涉及国家秘密和工作秘密，同意公开。"
SITE = "https://www.jinping.gov.cn/zwgk/xxgkml"


class _Filler(DemoWriter):
    def __init__(self, ctx: DemoContext) -> None:
        super().__init__(ctx)
        self.clerk = ctx.signer("sunli")
        self.head = ctx.signer("zhaomin")
        self.doc_numbers: Counter[tuple[str, int]] = Counter()
        self.urls = 0
        self.fates: Counter[str] = Counter()

    def back(self, workdays: int) -> date:
        """The working day `workdays` working days before today (today itself if 0)."""
        return self.cal.subtract_workdays(self.today, workdays) if workdays else self.today

    def after(self, day: date, workdays: int) -> date:
        return min(self.cal.add_workdays(day, workdays), self.today) if workdays else day

    def doc_no(self, prefix: str, year: int) -> str:
        if not prefix:
            return ""
        self.doc_numbers[(prefix, year)] += 1
        return f"{prefix}〔{year}〕{self.doc_numbers[(prefix, year)] * 3 - 1}号"

    def url(self, day: date) -> str:
        self.urls += 1
        return f"{SITE}/{day:%Y%m}/t{day:%Y%m%d}_{85012300 + self.urls * 7}.html"

    def review(self, item: DisclosureItem, day: date, opinion: str = REVIEW_OK) -> None:
        # The reviewer signs the item as read just now (issue 19), like the sign-off dialog.
        secrecy_review(self.s, self.head, item.id, opinion, day, seen_hash=content_hash(secrecy_content(item)))

    def publish(self, item: DisclosureItem, day: date) -> None:
        decide(self.s, self.clerk, item.id, Decision.PROACTIVE, self.cal)
        channels = ["政府门户网站"]
        if item.category in (0, 2, 8):
            channels.append("政府公报")
        if item.category in (4, 5, 6, 10):
            channels.append("政务新媒体")
        publish(self.s, self.clerk, item.id, channels, day, self.url(day), self.today)

    def create(self, formed: date, category: int, section: str, title: str, doc_no: str,
               kind: DocKind) -> DisclosureItem:
        bodies = next((b for t, b in OTHER_BODIES.items() if t.format(year=formed.year) == title), "")
        form = ItemForm(
            title=title, category=category, section=section, formed_on=formed, doc_no=doc_no, doc_kind=kind,
            summary="", other_bodies=bodies, others_confirmed_on=self.after(formed, 2) if bodies else None,
            others_confirmation=f"已与{bodies}核对内容并确认一致。" if bodies else "",
        )
        item = create_item(self.s, self.clerk, form, self.cal, self.today)
        if doc_no:
            add_attachment(self.s, self.clerk, item.id, f"{doc_no}.docx", demo_docx(title, "（示例文件正文）", doc_no))
        return item

    def run(self, spec: tuple[int, int, str, str, str, DocKind, str, int]) -> None:
        ago, category, section, title, prefix, kind, fate, arg = spec
        formed = self.back(ago)
        title = title.format(year=formed.year, prev=formed.year - 1)
        item = self.create(formed, category, section, title, self.doc_no(prefix, formed.year), kind)
        self.fates[fate] += 1
        if fate in ("ontime", "late", "repealed", "versioned"):
            self.review(item, self.after(formed, 1))
            self.publish(item, self.after(formed, arg if fate in ("ontime", "late") else 8))
        elif fate == "overdue":
            self.review(item, self.after(formed, 3))
            decide(self.s, self.clerk, item.id, Decision.PROACTIVE, self.cal)
        elif fate == "soon":
            self.review(item, self.after(formed, 2))
        elif fate == "withheld":
            opinion, basis = WITHHOLD[arg]
            self.review(item, self.after(formed, 2), opinion)
            decide(self.s, self.clerk, item.id, Decision.WITHHELD, self.cal, withhold_reason=arg, legal_basis=basis)
        elif fate == "on_request":
            self.review(item, self.after(formed, 2), "经审查，不涉密；内容仅涉及特定对象，建议依申请公开。")
            decide(self.s, self.clerk, item.id, Decision.ON_REQUEST, self.cal,
                   legal_basis="《中华人民共和国政府信息公开条例》第二十七条")
        elif fate in ("delayed", "delay_ended"):
            self.review(item, self.after(formed, 2))
            decide(self.s, self.clerk, item.id, Decision.PROACTIVE, self.cal)
            cause = ("征收补偿方案须报州人民政府批准后方可发布，待批复。" if fate == "delayed"
                     else "预算调整方案须经县人民代表大会常务委员会审查批准后公开。")
            delay(self.s, self.clerk, item.id, cause, self.cal)
            if fate == "delay_ended":
                end_delay(self.s, self.clerk, item.id, self.back(arg), self.cal)
        if fate == "repealed":
            repeal(self.s, self.clerk, item.id, self.back(arg))
        if fate == "versioned":
            self.second_version(item, arg)

    def second_version(self, first: DisclosureItem, ago: int) -> None:
        changed = self.back(ago)
        form = ItemForm(
            title=first.title.replace("》的通知", "（修订）》的通知"), category=first.category, section=first.section,
            formed_on=changed, doc_no=self.doc_no("锦府办发", changed.year), doc_kind=DocKind(first.doc_kind),
            summary="根据省、州有关规定修订，原办法同时废止。",
        )
        item = new_version(self.s, self.clerk, first.id, form, self.cal, self.today)
        add_attachment(self.s, self.clerk, item.id, f"{form.doc_no}.docx",
                       demo_docx(form.title, "（示例文件正文）", form.doc_no))
        self.review(item, self.after(changed, 2))
        self.publish(item, self.after(changed, 7))

    def year_figures(self) -> None:
        # A county government makes no 规章; the other numbers come from the sections' own records.
        for year, scale in ((self.today.year - 1, 0.9), (self.today.year, 1.0)):
            save_year_figures(self.s, self.clerk, year, {
                "normative_issued_extra": 2, "normative_in_force_extra": 23,
                "licensing_decisions": round(1286 * scale), "punishment_decisions": round(342 * scale),
                "enforcement_decisions": round(17 * scale), "fees_amount": "386.52" if scale == 1.0 else "352.1",
            }, expected_version=0)


def fill_disclosure_demo(ctx: DemoContext) -> str:
    filler = _Filler(ctx)
    for spec in sorted(SPECS, key=lambda s: -s[0]):
        filler.run(spec)
    filler.year_figures()
    ctx.session.flush()
    statuses = Counter(ItemStatus(s) for s in ctx.session.scalars(select(DisclosureItem.status)))
    overdue = filler.fates["overdue"] + filler.fates["overdue_draft"]
    return (f"主动公开：示例公开事项 {sum(statuses.values())} 条（已公开 {statuses[ItemStatus.PUBLISHED]} 条，"
            f"不予公开 {statuses[ItemStatus.WITHHELD]} 条，超期未发布 {overdue} 条）及两年的年度统计数据")


register_filler("disclosure", fill_disclosure_demo)
