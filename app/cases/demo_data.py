"""Demo request cases: a year of a county office's 依申请公开 work around DemoContext.today.

Every case goes through the real services (register, correction, consultation, extension,
draft, review, sign-off, sending, delivery, archiving), so the demo shows what the program
itself produces and stays valid when the rules change. All dates are working days counted back
from `today`, so the demo looks alive whatever day it is made on.
"""

from __future__ import annotations

import io
import tempfile
import wave
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from app.cases.archive import add_document, archive_case
from app.cases.enums import ApplicantType, CaseStatus, Channel, ConsultationKind, DeliveryMethod
from app.cases.excessive import ask_for_reasons, decide
from app.cases.fees import record_fee_notice_received
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    close_for_no_correction,
    extend_deadline,
    extension_signoff_content,
    record_correction_received,
    record_fee_notice,
    record_fee_paid,
    send_correction_notice,
    start_handling,
)
from app.cases.intake import CaseForm, register_case
from app.cases.letters import generate_letter
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.recompute import recompute_open_cases
from app.cases.reply import (
    approve_reply,
    record_delivery,
    record_justice_review,
    reply_signoff_content,
    reply_state_hash,
    save_reply_draft,
    send_reply,
)
from app.cases.reply_text import default_reply_body
from app.cases.validation import cn_date, id_card_check_digit, uscc_check_char
from app.context import Actor
from app.demo import DemoContext, DemoWriter
from app.redaction.service import record_no_copy_reason
from app.settings import get_setting, set_setting
from app.signoff.content import content_hash
from app.signoff.service import Decision

T = ReplyType
# (type, name, code prefix or birth year, address, phone, e-mail)
APPLICANTS: tuple[tuple[ApplicantType, str, str, str, str, str], ...] = (
    (ApplicantType.NATURAL, "张明华", "1968", "锦屏县三江镇飞山路8号", "13985512345", ""),
    (ApplicantType.NATURAL, "杨秀英", "1975", "锦屏县敦寨镇亮司村三组", "15885561208", ""),
    (ApplicantType.NATURAL, "吴建国", "1959", "锦屏县平略镇平略村", "13608553317", ""),
    (ApplicantType.NATURAL, "龙光辉", "1982", "凯里市北京东路19号", "18908550416", "longgh@163.com"),
    (ApplicantType.NATURAL, "姚春燕", "1990", "锦屏县三江镇清江路102号", "13765539021", "yaocy@qq.com"),
    (ApplicantType.NATURAL, "潘德明", "1963", "锦屏县启蒙镇边沙村", "15208553126", ""),
    (ApplicantType.NATURAL, "石美玲", "1987", "锦屏县铜鼓镇铜鼓村", "18285561734", "shimeiling@126.com"),
    (ApplicantType.NATURAL, "彭立新", "1971", "贵阳市云岩区中华北路66号", "13984022583", "penglx@163.com"),
    (ApplicantType.BUSINESS, "锦屏县黔东木业有限公司", "91", "锦屏县三江镇工业园区", "0855-7223168", ""),
    (ApplicantType.BUSINESS, "锦屏县鑫源房地产开发有限公司", "91", "锦屏县三江镇城北新区", "0855-7225580", ""),
    (ApplicantType.LEGAL_SERVICE, "贵州黔锦律师事务所", "31", "凯里市韶山南路5号", "0855-8221906", "qjlaw@163.com"),
    (ApplicantType.LEGAL_SERVICE, "北京盈科（贵阳）律师事务所", "31", "贵阳市观山湖区长岭北路8号", "0851-85881234",
     "yingke_gy@163.com"),
    (ApplicantType.RESEARCH, "贵州大学公共管理学院", "12", "贵阳市花溪区贵州大学北校区", "0851-88292127", ""),
    (ApplicantType.PUBLIC_WELFARE, "锦屏县清水江生态保护志愿者协会", "51", "锦屏县三江镇龙池路3号", "13595588120", ""),
    (ApplicantType.OTHER, "锦屏县平略镇平略村民委员会", "Y1", "锦屏县平略镇平略村", "0855-7321066", ""),
)
GENERAL = (
    "锦屏县2023年财政预算执行情况和2024年财政预算草案的报告", "2023年度三江镇城乡居民最低生活保障对象名单",
    "三板溪库区移民后期扶持资金2023年使用情况", "锦屏县城北片区棚户区改造项目房屋征收决定及征收补偿方案",
    "锦屏县2024年义务教育阶段学校招生划片方案", "锦屏县人民政府2023年“三公”经费决算情况",
    "锦屏县国土空间总体规划（2021—2035年）批复文件", "锦屏县2023年乡村振兴衔接资金项目安排及资金使用情况",
    "县城生活垃圾填埋场渗滤液处理项目环境影响评价批复", "敦寨镇至启蒙镇公路改扩建工程建设用地批复",
    "锦屏县城区公共租赁住房分配名单及分配标准", "锦屏县2022年度高标准农田建设项目验收报告",
    "锦屏县2023年农村危房改造补助对象名单及补助标准", "县人民政府关于调整征收集体土地青苗及地上附着物补偿标准的通知",
    "锦屏县城区机动车停车收费标准的制定依据及听证材料", "锦屏县2022年度城镇老旧小区改造项目资金拨付明细",
)
# 不予公开 requests by reason (Outcome.WITHHELD.details[1:7]).
WITHHELD_CONTENTS = (
    "2020年第七次全国人口普查平略村住户个人登记表", "锦屏县2023年群体性事件应急处置记录",
    "锦屏县鑫源房地产开发有限公司土地出让金减免申请材料", "县人民政府办公室2023年干部年度考核评分明细",
    "县人民政府第十二次常务会议关于城北片区改造项目的讨论记录", "某采石场违法开采问题调查处理的全部案卷材料",
)
SPECIFIC: dict[ReplyType, tuple[str, ...]] = {
    T.NOT_EXIST: ("1985年平略乡林业“三定”工作会议记录", "县人民政府与某投资公司2016年签订的清水江旅游开发合作协议"),
    T.NOT_OURS: ("杭瑞高速锦屏段征地补偿款发放明细", "本人子女2023年中考成绩及录取依据"),
    T.NEEDS_PRODUCTION: ("近十年全县各乡镇户籍人口、耕地面积变化情况的统计分析",),
    T.UNCLEAR_AFTER_CORRECTION: ("县政府关于我家那块地的所有文件",),
    T.PETITION: ("请县政府查处平略村村干部侵占集体林地流转收益的问题并答复处理结果",),
    T.PUBLICATION: ("《锦屏县志（1991—2010）》一套及《锦屏年鉴2023》",),
    T.EXCESSIVE: ("2014年以来县人民政府及各部门制发的全部文件、会议纪要及领导批示",),
    T.CONFIRMATION: ("请书面确认本人位于三江镇飞山路的房屋已被列入征收范围并出具证明",),
    T.SPECIAL_LAW: ("本人及配偶名下在锦屏县的不动产登记信息",),
    T.NO_CORRECTION: ("关于那个项目的文件",),
    T.FEE_UNPAID: ("2015年至2023年县人民政府常务会议纪要全文",),
    T.OTHER: ("锦屏县2021年度城镇老旧小区改造项目资金拨付明细",),
}
FILL = {
    "[网站名称、栏目及网址，或公开查阅场所]": "锦屏县人民政府门户网站“政府信息公开”专栏（www.jinping.gov.cn）",
    "[可以公开的内容]": "征收补偿方案正文及补偿标准", "[不予公开的内容]": "方案附件中被征收人的身份证号码、银行账号",
    "[理由]": "属于个人隐私，公开会对第三方合法权益造成损害", "[  ]": "十五",
    "[法律、行政法规名称及条款]": "《中华人民共和国统计法》关于统计调查对象资料保密的规定",
    "[工商登记资料/不动产登记资料等]": "不动产登记资料",
    "[《不动产登记暂行条例》《不动产登记资料查询暂行办法》等]": "《不动产登记暂行条例》《不动产登记资料查询暂行办法》",
    "[不动产登记机构/市场监督管理部门]": "锦屏县不动产登记中心",
    "[不属于本机关负责公开的理由]": "该信息由其他机关制作并保存，依照“谁制作、谁公开”的原则不由本机关公开",
    "[负责公开的机关名称及联系方式]": "锦屏县自然资源局（联系电话：0855-7222316）",
    "[信访、投诉、举报渠道]": "锦屏县信访局或12345政务服务便民热线",
    "[获取途径，如图书馆、出版发行单位或政府网站]": "锦屏县图书馆、锦屏县档案馆查阅或向出版发行单位购买",
}
WITHDRAWN = "您于受理后书面申请撤回本次政府信息公开申请。经审查，本机关同意您撤回申请，终止对该申请的处理。"
CORRECTION_ITEMS = (
    "请明确所申请政府信息的名称、文号或者便于查询的特征性描述（如项目名称、所在位置、形成时间）",
    "请提供申请人有效身份证件复印件及联系方式",
)
DEPARTMENTS = ("锦屏县财政局", "锦屏县住房和城乡建设局", "锦屏县自然资源局", "锦屏县民政局", "锦屏县教育局")
THIRD_PARTIES = ("锦屏县鑫源房地产开发有限公司", "贵州清水江建设工程有限公司")
# Closed cases: (reply type, 不予公开 reason); their spread follows what county reports show.
CLOSED: tuple[tuple[ReplyType, int | None], ...] = (
    (T.FEE_UNPAID, None), (T.NO_CORRECTION, None), (T.UNCLEAR_AFTER_CORRECTION, None),
    *[(T.DISCLOSABLE, None)] * 9, *[(T.ALREADY_PUBLIC, None)] * 6, (T.PARTIAL, None), (T.PARTIAL, None),
    (T.WITHHELD, 1), (T.WITHHELD, 2), (T.WITHHELD, 3), (T.WITHHELD, 4), (T.WITHHELD, 5), (T.WITHHELD, 6),
    (T.NOT_EXIST, None), (T.NOT_EXIST, None), (T.NOT_OURS, None), (T.NOT_OURS, None), (T.NEEDS_PRODUCTION, None),
    (T.PETITION, None), (T.PUBLICATION, None), (T.EXCESSIVE, None), (T.CONFIRMATION, None),
    (T.SPECIAL_LAW, None), (T.OTHER, None), (T.DISCLOSABLE, None), (T.ALREADY_PUBLIC, None), (T.NOT_EXIST, None),
    (T.DISCLOSABLE, None), (T.REPEATED, None),
)
ARCHIVED_EVERY = 6  # every sixth closed case is archived with a complete case file


def demo_pdf(label: str) -> bytes:
    """A one-page PDF standing in for a scan (ASCII text: no embedded Chinese font needed)."""
    text = label.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td (Demo scan: {text}) Tj ET".encode()
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_wav(seconds: int = 2) -> bytes:
    """Silence as a WAV file, standing in for the recorded call that fixed the date of receipt."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(b"\x80" * 8000 * seconds)
    return buffer.getvalue()


class _Demo(DemoWriter):
    def __init__(self, ctx: DemoContext, templates: Path) -> None:
        super().__init__(ctx)
        self.clerks = [ctx.signer(u) for u in ("wangfang", "sunli")]
        self.leader, self.principal = ctx.signer("chenjun"), ctx.signer("yanghua")
        self.templates = templates
        self.n = 0
        self.general = list(GENERAL)
        self.rng.shuffle(self.general)

    # --- dates --------------------------------------------------------------------------
    def back(self, workdays: int) -> date:
        """The working day `workdays` working days before today (0: today or the last one)."""
        return self.cal.subtract_workdays(self.today, workdays)

    def after(self, day: date, workdays: int) -> date:
        return min(self.cal.add_workdays(day, workdays), self.today)

    # --- building blocks ----------------------------------------------------------------
    def register(self, received: date, content: str = "", applicant: int | None = None) -> RequestCase:
        self.n += 1
        kind, name, code, address, phone, email = APPLICANTS[
            applicant if applicant is not None else self.rng.randrange(len(APPLICANTS))
        ]
        channel = self.rng.choice([Channel.INTERNET] * 4 + [Channel.LETTER_REGISTERED] * 3 + [Channel.IN_PERSON] * 2
                                  + [Channel.LETTER_ORDINARY, Channel.FAX])
        if kind.is_person:
            first17 = f"522628{code}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}{self.n % 900 + 100}"
            id_type, id_number = "居民身份证", first17 + id_card_check_digit(first17)
        else:
            first17 = f"{code}522628{self.rng.randrange(10**8, 10**9)}"
            id_type, id_number = "统一社会信用代码", first17 + uscc_check_char(first17)
        same_day = channel in (Channel.IN_PERSON, Channel.INTERNET, Channel.FAX)
        submitted = received if same_day else received - timedelta(days=2)  # posted two days before
        delivery = DeliveryMethod.EMAIL if email and channel is Channel.INTERNET else DeliveryMethod.POST
        form = CaseForm(
            applicant_type=kind, applicant_name=name, id_type=id_type, id_number=id_number, phone=phone, email=email,
            address=address, postcode="556700" if address.startswith("锦屏") else "556000",
            legal_representative="" if kind.is_person else self.rng.choice(("李国庆", "王建平", "杨正华", "吴光明")),
            contact_person="" if kind.is_person else self.rng.choice(("刘洋", "陈静", "龙艳")),
            channel=channel, submitted_on=submitted,
            channel_date=None if channel is Channel.IN_PERSON else received,
            content=content or self.general[self.n % len(self.general)], form_wanted="纸质文本",
            delivery_method=delivery,
            letter_arrived_on=received if channel is Channel.LETTER_ORDINARY else None,
        )
        return register_case(self.s, self.clerk, form, self.today)

    @property
    def clerk(self) -> Actor:
        return self.clerks[self.n % 2]

    def correction(self, case: RequestCase, received_after: int | None) -> date:
        notice = self.after(case.received_on, 2)
        send_correction_notice(self.s, self.clerk, case.id, notice, list(CORRECTION_ITEMS),
                               self.cal.add_workdays(notice, 10), today=self.today)
        if received_after is None:
            return notice
        supplied = self.after(notice, received_after)
        record_correction_received(self.s, self.clerk, case.id, supplied, today=self.today)
        return supplied

    def consult(
        self, case: RequestCase, kind: ConsultationKind, sent: date, answer_after: int | None, objects: bool = False
    ) -> date:
        party = self.rng.choice(THIRD_PARTIES if kind is ConsultationKind.THIRD_PARTY else DEPARTMENTS)
        matter = "所申请信息是否涉及你方商业秘密、是否同意公开" if kind is ConsultationKind.THIRD_PARTY \
            else "所申请信息是否由你单位制作或保存、能否公开"
        c = add_consultation(self.s, self.clerk, case.id, kind, party, matter, sent, today=self.today)
        if answer_after is None:
            return sent
        answered = self.after(sent, answer_after)
        decision = "" if kind is ConsultationKind.DEPARTMENT else ("withhold" if objects else "disclose")
        answer_consultation(self.s, self.clerk, c.id, answered, "object" if objects else "agree",
                            "涉及本公司经营信息，不同意公开" if objects else "同意公开", decision, "", today=self.today)
        return answered

    def body(self, case: RequestCase, reply: ReplyType, detail: int | None, earlier: RequestCase | None) -> str:
        if reply is T.OTHER:
            return WITHDRAWN
        text = default_reply_body(reply, detail, case)
        if earlier is not None:
            assert earlier.replied_on is not None
            text = text.replace("[前次答复日期]", cn_date(earlier.replied_on))
            text = text.replace("[前次答复文号]", earlier.reply_doc_no)
        for marker, value in FILL.items():
            text = text.replace(marker, value)
        return text

    def draft(
        self, case: RequestCase, reply: ReplyType, detail: int | None, earlier: RequestCase | None = None
    ) -> None:
        save_reply_draft(self.s, self.clerk, case.id, reply, detail, self.body(case, reply, detail, earlier),
                         repeat_of=earlier.case_no if reply is ReplyType.REPEATED and earlier else "",
                         today=self.today)

    def approve(self, case: RequestCase, reviewed: date, steps: int = 2) -> None:
        opinion = "经审核，答复内容及法律依据准确，程序合法，同意答复。"
        # Each signature binds the draft as read just before it (issue 19), like the sign-off dialog.
        record_justice_review(self.s, self.clerk, case.id, reviewed, opinion, today=self.today,
                              seen_state=reply_state_hash(self.s, case))
        if steps >= 1:
            approve_reply(self.s, self.leader, case.id, "leader_in_charge", Decision.APPROVE, "同意", today=self.today,
                          seen_hash=content_hash(reply_signoff_content(case)))
        if steps >= 2:
            approve_reply(self.s, self.principal, case.id, "principal_leader", Decision.APPROVE, "同意",
                          today=self.today, seen_hash=content_hash(reply_signoff_content(case)))

    def send(self, case: RequestCase, sent: date) -> None:
        post = case.delivery_method == DeliveryMethod.POST.value
        tracking = f"11{self.rng.randrange(10**10, 10**11)}" if post else ""
        method = DeliveryMethod.POST if post else DeliveryMethod.EMAIL
        send_reply(self.s, self.clerk, case.id, sent, method, tracking, today=self.today)
        record_delivery(self.s, self.clerk, case.id, self.after(sent, 3 if post else 1), today=self.today)

    # --- the year -----------------------------------------------------------------------
    def closed(self, index: int, reply: ReplyType, detail: int | None, earlier: RequestCase | None) -> RequestCase:
        # Spread over the last year; the youngest still leaves time for correction and consultation.
        received = self.back(245 - index * 195 // len(CLOSED))
        pick = SPECIFIC.get(reply)
        content = ""
        if reply is T.WITHHELD and detail is not None:
            content = WITHHELD_CONTENTS[detail - 1]
        elif pick:
            content = self.rng.choice(pick)
        applicant = None
        if reply is T.REPEATED and earlier is not None:
            content = earlier.content
            applicant = next(i for i, a in enumerate(APPLICANTS) if a[1] == earlier.applicant_name)
        case = self.register(received, content, applicant)
        start_handling(self.s, self.clerk, case.id, today=self.today)
        start = received
        if reply is T.NO_CORRECTION:
            self.correction(case, None)
            assert case.correction_due_on is not None
            closed_on = self.after(case.correction_due_on, 2)
            close_for_no_correction(self.s, self.clerk, case.id, closed_on, today=self.today)
            return case
        if reply is T.UNCLEAR_AFTER_CORRECTION or index % 7 == 3:
            start = self.correction(case, 4)
        if reply is T.FEE_UNPAID or index % 11 == 5:
            record_fee_notice(self.s, self.clerk, case.id, self.after(start, 3), "per_page", 40, today=self.today)
            record_fee_notice_received(self.s, self.clerk, case.id, self.after(start, 4), today=self.today)
            if reply is not T.FEE_UNPAID:
                record_fee_paid(self.s, self.clerk, case.id, self.after(start, 6), today=self.today)
            start = self.after(start, 21 if reply is T.FEE_UNPAID else 6)
        if (reply is T.WITHHELD and detail == 3) or reply is T.PARTIAL:
            start = self.consult(case, ConsultationKind.THIRD_PARTY, self.after(start, 2), 10, objects=True)
        elif index % 4 == 1:
            start = self.consult(case, ConsultationKind.DEPARTMENT, self.after(start, 2), 4)
        if reply is T.PARTIAL:
            record_no_copy_reason(self.s, self.clerk, case.id, "以摘录方式提供可以公开的内容")
        if reply is T.EXCESSIVE:  # 条例第三十五条: reasons asked for, none given, not handled
            ask_for_reasons(self.s, self.clerk, case.id, self.after(start, 2), "本年度已提出政府信息公开申请86件",
                            self.after(start, 7), today=self.today)
            decide(self.s, self.clerk, case.id, "decline", self.after(start, 8), "申请人在期限内未说明理由",
                   today=self.today)
        self.draft(case, reply, detail, earlier)
        self.approve(case, self.after(start, 10))
        self.send(case, self.after(start, 13))
        return case

    def archive(self, case: RequestCase) -> None:
        clerk = self.clerk
        docs = [("original_request", "政府信息公开申请表.pdf"), ("applicant_id", "申请人身份证明材料.pdf"),
                ("handling_form", "政府信息公开申请办理单.pdf")]
        if case.channel.startswith("letter"):
            docs.append(("original_request", "信封.pdf"))
        if case.correction_notice_on:
            docs.append(("correction_notice", "补正告知书（送达回证）.pdf"))
        for c in case.consultations:
            code = "third_party_letter" if c.kind == ConsultationKind.THIRD_PARTY.value else "department_feedback"
            docs.append((code, f"{c.party}书面意见.pdf"))
        for code, name in docs:
            add_document(self.s, clerk, case.id, code, name, demo_pdf(name), "扫描件")
        if case.channel == Channel.LETTER_ORDINARY.value:
            add_document(self.s, clerk, case.id, "receipt_recording", "与申请人确认收到日期的通话录音.wav", demo_wav())
        generate_letter(self.s, clerk, case.id, "reply", self.templates)
        archive_case(self.s, clerk, case.id)

    def open_cases(self) -> None:
        for offset in (1, 0, 0, 2):  # just registered
            self.register(self.back(offset))
        for offset, supplied in ((5, None), (8, None), (24, None)):  # awaiting a supplement; one lapsed
            case = self.register(self.back(offset))
            start_handling(self.s, self.clerk, case.id, today=self.today)
            self.correction(case, supplied)
        for offset in (26, 31, 18, 19, 12, 11, 16):  # overdue, overdue, due soon ×2, consultations, extension
            case = self.register(self.back(offset))
            start_handling(self.s, self.clerk, case.id, today=self.today)
            if offset in (12, 11):
                kind = ConsultationKind.THIRD_PARTY if offset == 12 else ConsultationKind.DEPARTMENT
                self.consult(case, kind, self.after(case.received_on, 3), None)
            if offset == 16:
                reason = "所申请信息涉及多个部门，需要调取历史档案核实"
                extend_deadline(self.s, self.clerk, case.id, self.after(case.received_on, 15), reason, self.leader,
                                "同意延期", today=self.today,
                                seen_hash=content_hash(extension_signoff_content(case, reason)))
        # Awaiting approval: the 司法局's review outstanding (14, 10), the 分管领导 (13), the 主要领导 (9).
        for offset, steps in ((14, 0), (13, 0), (10, 0), (9, 1)):
            case = self.register(self.back(offset))
            start_handling(self.s, self.clerk, case.id, today=self.today)
            self.draft(case, self.rng.choice([T.DISCLOSABLE, T.ALREADY_PUBLIC, T.NOT_EXIST]), None)
            if offset in (13, 9):
                self.approve(case, self.after(case.received_on, offset - 2), steps)


def _office_details(ctx: DemoContext) -> None:
    """Letters need the office's address and telephone; a fresh demo database has none."""
    for key, value in (("org.address", "贵州省黔东南苗族侗族自治州锦屏县三江镇政府路1号"),
                       ("org.phone", "0855-7222001"), ("org.postcode", "556700")):
        if not get_setting(ctx.session, key):
            set_setting(ctx.session, ctx.actor, key, value)


def fill_cases_demo(ctx: DemoContext) -> str:
    _office_details(ctx)
    with tempfile.TemporaryDirectory(prefix="govinfo-demo-templates-") as tmp:
        demo = _Demo(ctx, Path(tmp))
        earlier: RequestCase | None = None
        for index, (reply, detail) in enumerate(CLOSED):
            case = demo.closed(index, reply, detail, earlier)
            if reply is T.DISCLOSABLE and earlier is None:
                earlier = case  # the 重复申请 at the end repeats this one
            if index % ARCHIVED_EVERY == 4 and case.status == CaseStatus.CLOSED.value:
                demo.archive(case)
        demo.open_cases()
    recompute_open_cases(ctx.session, ctx.calendar, ctx.today)
    counts = Counter(CaseStatus(s).label for s in ctx.session.scalars(select(RequestCase.status)))
    listed = "，".join(f"{label} {counts[label]}" for label in (s.label for s in CaseStatus) if counts[label])
    return f"依申请公开：示例申请 {sum(counts.values())} 件（{listed}）"
