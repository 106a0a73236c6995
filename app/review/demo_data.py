"""Demo 发布审核 data: about thirty posts in every state and two months of daily inspections.

Every post goes through the real services (create, submit, the three stages with checklists, returns,
escalation answers, accepted findings, publication, confirmation, corrections and a withdrawal).
The services stamp the present time; afterwards each record's own time is moved to the working day
it belongs to, so the sheets, the register and the column limits read like two months of work. The
last post of 乡镇动态 is over two weeks old, so the dashboard shows a stale news column.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.context import Actor
from app.db.base import utcnow
from app.demo import DemoContext, DemoWriter, demo_docx, register_filler
from app.localtime import to_utc
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ChangeKind, PostKind, PostStatus, ReviewStage, SourceKind
from app.review.inspections import InspectionForm, record_inspection
from app.review.models import Post
from app.review.posts import PostForm, add_attachment, create_post, form_of, update_post
from app.review.workflow import (
    ChecklistMark,
    accept_finding,
    confirm_by_source,
    post_signoff_content,
    publish,
    record_escalation,
    review,
    start_change,
    submit,
)
from app.signoff.content import content_hash
from app.signoff.service import Decision

OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}
SITE = "https://www.jinping.gov.cn"
PATHS = {"县政府要闻": "xwzx/zwyw", "部门动态": "xwzx/bmdt", "乡镇动态": "xwzx/xzdt", "通知公告": "xwzx/tzgg",
         "政策文件": "zwgk/zcwj", "政策解读": "zwgk/zcjd"}
# Reprint sources: (site, link); "cma" is not on the authoritative list and needs a justification.
REPRINTS = {
    "gov": ("中国政府网", "https://www.gov.cn/zhengce/content/{ym}/content_69{n:05d}.htm"),
    "xinhua": ("新华社", "https://www.news.cn/politics/{ym}/c_11300{n:05d}.htm"),
    "province": ("贵州省人民政府门户网站", "https://www.guizhou.gov.cn/zwgk/zcfg/szfwj/{ym}/t{n:08d}.html"),
    "qdn": ("黔东南日报", "https://www.qdnrbs.cn/xw/{ym}/t{n:08d}.html"),
    "cma": ("中国气象局官方网站", "https://www.cma.gov.cn/2011xwzx/2011xqxxw/{ym}/t{n:08d}.html"),
}
JUSTIFICATION = ("中国气象局为国务院直属机构，其官方网站发布的预警信息属于制发机关官方发布（第十条（四）），"
                 "转载原文未作改动。")
PEOPLE = ("杨帆", "吴晓燕", "龙光明", "潘秀英", "刘建国", "姚丽")
PHONE = "13985571234"
# (working days ago created, target, title, source, fate, flags). Sources: a REPRINTS key, "col:单位"
# (采集) or "orig:领导批示" / "orig:正式公函:单位" (首发). Fates: draft, first, second, third, ready, published,
# confirmed, correction:<title> / withdrawal:<title> (a change of an earlier post). Flags: sensitive,
# emergency, pending (sensitive, no answer yet), ret2 / ret3 (returned once at 二审 / 三审), phone.
SPECS: tuple[tuple[int, str, str, str, str, str], ...] = (
    (42, "政策文件", "国务院办公厅关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见", "gov",
     "confirmed", ""),
    (40, "县政府要闻", "锦屏县召开全县安全生产工作会议", "orig:领导批示", "confirmed", ""),
    (38, "乡镇动态", "三江镇开展森林防火宣传进村寨活动", "col:三江镇人民政府", "confirmed", ""),
    (36, "通知公告", "关于开展城乡居民基本医疗保险集中参保缴费工作的通告", "orig:正式公函:县医疗保障局",
     "confirmed", ""),
    (35, "部门动态", "县农业农村局组织开展秋季农作物病虫害防治技术培训", "col:县农业农村局", "confirmed", ""),
    (33, "政策文件", "贵州省人民政府办公厅关于印发贵州省进一步优化营商环境若干措施的通知", "province",
     "confirmed", "ret2"),
    (31, "县政府要闻", "锦屏县林下经济助农增收", "qdn", "published", ""),
    (30, "锦屏发布（微信公众号）", "国务院常务会议部署推进新型城镇化工作", "xinhua", "published", ""),
    (28, "乡镇动态", "敦寨镇召开乡村振兴重点工作推进会", "col:敦寨镇人民政府", "confirmed", ""),
    (27, "通知公告", "关于防范强降雨引发山洪地质灾害的紧急通知", "orig:正式公函:县应急管理局", "confirmed",
     "emergency"),
    (25, "政策解读", "《锦屏县城区生活垃圾分类管理办法》政策解读", "orig:领导批示", "confirmed", ""),
    (24, "锦屏发布（微博）", "贵州东南部将出现持续性强降雨天气", "cma", "published", ""),
    (22, "部门动态", "县市场监管局开展中秋国庆食品安全专项检查", "col:县市场监督管理局", "confirmed", "phone"),
    (20, "乡镇动态", "新化乡开展农村人居环境整治“回头看”", "col:新化乡人民政府", "confirmed", ""),
    (16, "县政府要闻", "锦屏县通报一起侵害群众利益不正之风典型问题", "orig:领导批示", "confirmed", "sensitive"),
    (14, "通知公告", "锦屏县公开招聘城市社区工作者公告", "orig:正式公函:县人力资源和社会保障局", "published", ""),
    (12, "部门动态", "县教育局部署秋季学期校园安全工作", "col:县教育局", "confirmed", ""),
    (10, "部门动态", "县文体广电旅游局发布国庆假期景区开放安排", "col:县文体广电旅游局", "published", ""),
    (9, "政策文件", "贵州省人民政府关于加快推进城乡供水一体化的实施意见", "province", "published", ""),
    (7, "部门动态", "县教育局部署秋季学期校园安全工作（更正）", "col:县教育局",
     "correction:县教育局部署秋季学期校园安全工作", ""),
    (6, "县政府要闻", "县长带队调研重点项目建设", "orig:领导批示", "published", "ret3"),
    (5, "锦屏发布（微信公众号）", "全国秋粮收购工作会议召开", "xinhua", "published", ""),
    (4, "部门动态", "", "col:县文体广电旅游局", "withdrawal:县文体广电旅游局发布国庆假期景区开放安排", ""),
    (4, "县政府要闻", "锦屏县召开第四季度经济运行调度会", "orig:领导批示", "ready", ""),
    (4, "通知公告", "关于做好冬春季森林防火工作的通告", "orig:正式公函:县林业局", "ready", ""),
    (3, "政策文件", "国务院关于促进服务消费高质量发展的意见", "gov", "third", ""),
    (3, "县政府要闻", "锦屏县处置一起山体滑坡险情", "orig:领导批示", "third", "pending"),
    (3, "部门动态", "县卫生健康局开展义诊进乡村活动", "col:县卫生健康局", "draft", "ret2"),
    (2, "部门动态", "县住房城乡建设局开展城镇燃气安全排查整治", "col:县住房和城乡建设局", "second", ""),
    (2, "政策解读", "一图读懂《锦屏县农村危房改造补助资金管理办法》", "orig:领导批示", "second", ""),
    (1, "县政府要闻", "锦屏县举办农民丰收节庆祝活动", "orig:领导批示", "first", ""),
    (1, "锦屏发布（微博）", "黔东南州推进茶产业高质量发展", "qdn", "first", ""),
    (0, "县政府要闻", "县政府召开全县冬季征兵工作会议", "orig:领导批示", "draft", ""),
    (0, "通知公告", "关于调整县政务服务中心冬季作息时间的公告", "orig:正式公函:县政务服务中心", "draft", ""),
)
RETURN_REASONS = {
    ReviewStage.SECOND: "第二段“截至9月底”的数据与报送单位原稿不一致，请核实后重新报审。",
    ReviewStage.THIRD: "涉及项目投资金额请与县发展改革局再次核实后报审。",
}
OPINIONS = {ReviewStage.FIRST: "已核对来源、文字和数据，同意报二审。", ReviewStage.SECOND: "同意，报分管领导审签。",
            ReviewStage.THIRD: "同意发布。"}


class _Filler(DemoWriter):
    def __init__(self, ctx: DemoContext) -> None:
        super().__init__(ctx)
        self.editors = [ctx.signer("wangfang"), ctx.signer("liqiang")]
        self.head, self.leader = ctx.signer("zhaomin"), ctx.signer("chenjun")
        # Nothing is stamped later than the end of `today` or than the real present.
        self.latest = min(utcnow(), to_utc(datetime.combine(ctx.today, time(18, 0))) or utcnow())
        self.by_title: dict[str, Post] = {}
        self.serial = 0
        self.cursor = datetime.min

    # -- time ------------------------------------------------------------------------------
    def back(self, workdays: int) -> date:
        return self.cal.subtract_workdays(self.ctx.today, workdays)

    def step(self, hours: float = 1.5) -> datetime:
        """The next event's local time: later the same working day, or the next working day's morning."""
        t = self.cursor + timedelta(hours=hours, minutes=self.rng.randint(0, 35))
        if t.time() > time(17, 20):
            day = self.cal.add_workdays(t.date(), 1)
            t = datetime.combine(day, time(9, self.rng.randint(0, 40)))
        self.cursor = t
        return self.utc(t)

    def utc(self, local: datetime) -> datetime:
        stamp = to_utc(local)
        assert stamp is not None
        return min(stamp, self.latest)

    # -- one post ----------------------------------------------------------------------------
    def form(self, target: str, title: str, source: str, flags: str, day: date) -> tuple[PostForm, str]:
        self.serial += 1
        form = PostForm(title=title, target=target, kinds=[PostKind.TEXT] if self.serial % 3 else
                        [PostKind.TEXT, PostKind.PICTURE], sensitive="sensitive" in flags or "pending" in flags,
                        major_emergency="emergency" in flags)
        unit = ""
        if source in REPRINTS:
            site, link = REPRINTS[source]
            form.source_kind, form.source_site = SourceKind.REPRINT, site
            form.source_url = link.format(ym=f"{day:%Y%m}", n=61_000 + self.serial * 37)
            form.reprinted_at = self.utc(datetime.combine(day, time(8, 40)))
            form.source_justification = JUSTIFICATION if source == "cma" else ""
            lead = f"（来源：{site}）"
        elif source.startswith("col:"):
            unit = source[4:]
            form.source_kind, form.source_department = SourceKind.COLLECTED, unit
            form.source_url = f"{SITE}/zwgk/bmxxgk/{day:%Y%m}/t{day:%Y%m%d}_{85_100_000 + self.serial * 11}.html"
            lead = f"（{unit}供稿）"
        else:
            parts = source.split(":")
            form.source_kind, form.basis_kind = SourceKind.ORIGINAL, parts[1]
            unit = parts[2] if len(parts) > 2 else "县人民政府办公室"
            form.basis_reference = (
                f"县人民政府办公室主任{day.month}月{day.day}日批示" if parts[1] == "领导批示"
                else f"{unit}《关于在县人民政府门户网站发布信息的函》（{day.year}年第{self.serial}号）")
            lead = ""
        form.source_unit = unit
        if target == "政策解读":  # the website report counts interpretations by kind
            form.interpretation_kind = "product" if title.startswith("一图读懂") else "material"
        phone = f"咨询举报电话：{PHONE}（工作日 9:00—17:30）。" if "phone" in flags else ""
        form.body = (f"{lead}\n{day.month}月{day.day}日，{title}。\n"
                     "会议（活动）要求，各相关单位要切实提高思想认识，压实工作责任，细化工作措施，"
                     f"确保各项工作任务按时保质完成。{phone}\n下一步，将持续跟踪工作进展，及时向社会公开有关情况。").strip()
        return form, unit

    def sign(self, post: Post, stage: ReviewStage, who: Actor, decision: Decision = Decision.APPROVE) -> None:
        at = self.step()
        marks = dict(OK)
        if stage is ReviewStage.FIRST and post.source_kind == SourceKind.REPRINT.value:
            marks["转载审核"] = ChecklistMark(True, "已核对转载链接，与原文一致")
        opinion = RETURN_REASONS[stage] if decision is Decision.RETURN else OPINIONS[stage]
        seen = content_hash(post_signoff_content(post))  # the post as read just now (issue 19)
        entry = review(self.s, who, post.id, stage, decision, opinion, marks if decision is Decision.APPROVE else {},
                       seen_hash=seen)
        entry.signed_at = at

    def run_chain(self, post: Post, author: Actor, first: Actor, fate: str, flags: str) -> None:
        order = ["draft", "first", "second", "third", "ready", "published", "confirmed"]
        goal = order.index(fate) if fate in order else order.index("confirmed" if fate.startswith("correction")
                                                                     else "published")
        returned = {"ret2": ReviewStage.SECOND, "ret3": ReviewStage.THIRD}.get(flags)
        if goal == 0 and not returned:
            return
        submit(self.s, author, post.id)
        if returned:  # one round that ends at the returning stage, then an edit and a new round
            self.sign(post, ReviewStage.FIRST, first)
            if returned is ReviewStage.THIRD:
                self.sign(post, ReviewStage.SECOND, self.head)
            self.sign(post, returned, self.head if returned is ReviewStage.SECOND else self.leader, Decision.RETURN)
            form = form_of(post)
            form.body = form.body.replace("会议（活动）要求", "会议（活动）强调")
            update_post(self.s, author, post.id, form, post.version)
            post.versions[-1].saved_at = self.step()
            if goal == 0:
                return
            submit(self.s, author, post.id)
        for index, (stage, who) in enumerate(((ReviewStage.FIRST, first), (ReviewStage.SECOND, self.head),
                                              (ReviewStage.THIRD, self.leader)), start=2):
            if goal < index:
                return
            if stage is ReviewStage.FIRST and "phone" in flags:
                accept_finding(self.s, first, post.id, "privacy-phone", PHONE,
                               "系报送单位对外公布的咨询举报电话，经该单位确认可以公开。").accepted_at = self.step(0.2)
            if stage is ReviewStage.THIRD and (post.sensitive or post.major_emergency) and "pending" not in flags:
                by, answer = (("县人民政府副县长吴建华", "同意发布，请同步做好舆情监测。") if post.major_emergency
                              else ("县委网信办", "经研判，该信息可以公开发布，注意不得出现当事人身份信息。"))
                record_escalation(self.s, self.head, post.id, by, answer, self.cursor.date())
            self.sign(post, stage, who)
        if goal >= order.index("published"):
            url = "" if post.change_kind == ChangeKind.WITHDRAWAL.value else self.url(post)
            publish(self.s, author, post.id, url, self.step())
        if goal >= order.index("confirmed"):
            self.cursor = datetime.combine(self.cal.add_workdays(self.cursor.date(), 1), time(14, 0))
            person = f"{post.source_unit or '县人民政府办公室'} {PEOPLE[post.id % len(PEOPLE)]}"
            confirm_by_source(self.s, author, post.id, person, self.step())

    def url(self, post: Post) -> str:
        day = (self.cursor + timedelta(hours=1)).date()
        if post.target in PATHS:
            return f"{SITE}/{PATHS[post.target]}/{day:%Y%m}/t{day:%Y%m%d}_{85_200_000 + post.id * 13}.html"
        if "微信" in post.target:
            return f"https://mp.weixin.qq.com/s/jinping{day:%Y%m%d}{post.id:04d}"
        return f"https://weibo.com/jinpingfabu/{day:%Y%m%d}{post.id:04d}"

    def run(self, spec: tuple[int, str, str, str, str, str]) -> None:
        ago, target, title, source, fate, flags = spec
        day = self.back(ago)
        self.cursor = datetime.combine(day, time(8, self.rng.randint(30, 59)))
        author = self.editors[self.serial % 2]
        first = self.editors[(self.serial + 1) % 2] if self.serial % 4 else author  # the author may sign 初审
        created_at = self.step(0.3)
        kind, _, parent_title = fate.partition(":")
        if kind in ("correction", "withdrawal"):
            parent = self.by_title[parent_title]
            form, _unit = self.form(target, title or parent.title, source, flags, day)
            change = ChangeKind.CORRECTION if kind == "correction" else ChangeKind.WITHDRAWAL
            reason = ("原稿第三段学校数量有误，予以更正。" if kind == "correction"
                      else "活动安排调整，原发布内容已失效，予以撤稿。")
            post = start_change(self.s, author, parent.id, change, reason, form if kind == "correction" else None)
        else:
            form, _unit = self.form(target, title, source, flags, day)
            post = create_post(self.s, author, form, today=day)
        post.created_at = post.versions[-1].saved_at = created_at
        if post.source_kind == SourceKind.ORIGINAL.value and not (fate == "draft" and ago == 0 and "通知" in target):
            name = f"{post.basis_kind}_{post.post_no}.docx"  # one draft still lacks its scan: the editor's to-do
            scan = demo_docx(post.basis_reference, f"同意在县人民政府门户网站发布《{post.title}》。")
            add_attachment(self.s, author, post.id, name, scan, purpose="basis").added_at = created_at
        self.run_chain(post, author, first, fate, flags)
        self.s.flush()
        post.updated_at = self.utc(self.cursor)
        self.by_title[post.title] = post


def _inspections(ctx: DemoContext) -> int:
    """Most working days of the last two months; a few missed, a few with problems and their fixes."""
    inspectors = [ctx.signer("wangfang"), ctx.signer("liqiang")]
    days = [d for d in ctx.calendar.workdays_in(ctx.today - timedelta(days=61), ctx.today) if d < ctx.today]
    skipped = {days[i] for i in (5, 17, -3, -6) if len(days) > 8}
    problems = {
        8: (False, True, True, "9时至9时40分网站首页无法访问，经联系运维公司，系服务器证书到期。",
            "运维公司已更新服务器证书，10时起恢复正常访问。", 0),
        15: (True, False, True, "“部门动态”栏目有2条外部链接失效（县农业农村局旧版网站地址）。",
             "已联系县农业农村局更新链接地址，复查正常。", 1),
        24: (True, True, False, "新发布的部门动态稿件正文有错别字“实旋方案”。",
             "已按程序更正为“实施方案”并重新确认。", 0),
    }
    count = 0
    for index, day in enumerate(days):
        if day in skipped:
            continue
        actor = inspectors[(day.isocalendar().week) % 2]
        notes = f"浏览首页及各栏目，审看新发布稿件 {1 + index % 3} 篇，抽查链接 20 个。"
        form = InspectionForm(day=day, checked_notes=notes)
        if index in problems:
            site, links, content, found, fixed, after = problems[index]
            form.site_reachable, form.links_ok, form.content_ok = site, links, content
            form.problems, form.correction = found, fixed
            form.corrected_on = ctx.calendar.add_workdays(day, after) if after else day
        elif index >= len(days) - 4:  # 乡镇动态 has gone stale: noticed, not yet fixed
            form.columns_updated = False
            form.problems = "“乡镇动态”栏目已超过两周未更新。"
            form.correction = "已通知各乡镇报送稿件。"
        record_inspection(ctx.session, actor, form, ctx.today)
        count += 1
    return count


def fill_review_demo(ctx: DemoContext) -> str:
    filler = _Filler(ctx)
    for spec in sorted(SPECS, key=lambda s: -s[0]):
        filler.run(spec)
    inspections = _inspections(ctx)
    ctx.session.flush()
    states = Counter(PostStatus(s) for s in ctx.session.scalars(select(Post.status)))
    reviewing = states[PostStatus.FIRST_REVIEW] + states[PostStatus.SECOND_REVIEW] + states[PostStatus.THIRD_REVIEW]
    return (f"发布审核：示例稿件 {sum(states.values())} 篇（草稿 {states[PostStatus.DRAFT]}，审核中 {reviewing}，"
            f"待发布 {states[PostStatus.READY]}，已发布 {states[PostStatus.PUBLISHED]}，"
            f"来源单位已确认 {states[PostStatus.CONFIRMED]}，已撤回 {states[PostStatus.WITHDRAWN]}），"
            f"读网巡检记录 {inspections} 天")


register_filler("review", fill_review_demo)
