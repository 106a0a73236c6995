"""A reproducible database of request cases at office scale for the benchmarks (issue 8).

Run from the repository root:  python bench/make_data.py DATA_DIR [--cases 100000] [--seed N] [--today D]

Fills a fresh data folder with N cases (fixed seed, so the same arguments always give the same
database) received on the working days of the three years before `today` (default 2025-06-30,
fixed so the data does not depend on the day it is made). The distribution follows a county
office's register: most cases replied within the 20 working days, a few late, ~8 % with a
correction notice, ~6 % consulted, ~4 % extended, the annual report's outcomes in realistic
shares, a few reconsiderations and lawsuits; the cases of the last weeks are still open.
Due dates are computed by the same rules as the program (app.cases.deadlines), so a recompute
changes nothing, and the annual report's own checks pass for every year.

Speed: rows are built as plain dicts and written with Core executemany INSERTs (no ORM objects);
ids are assigned here so consultations need no RETURNING. 100,000 cases take about ten
seconds, most of it SQLite maintaining the dozen indexes of request_cases.
The accounts (admin and staff, password DEMO_PASSWORD) and the office's address come first
through the real services, so the program can sign in and generate letters on the result.
ANALYZE is deliberately not run: an office's database never gets it either.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.auth.service import create_first_admin, create_user
from app.bootstrap import open_database
from app.cases.deadlines import DeadlineInput, Pause, compute
from app.cases.enums import (
    ApplicantType,
    CaseStatus,
    Channel,
    ConsultationKind,
    DeliveryMethod,
    LitigationKind,
    RemedyResult,
)
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import ReplyType
from app.cases.recompute import consultation_pause, fee_pause
from app.cases.search import build_search_text
from app.cases.validation import id_card_check_digit, uscc_check_char
from app.context import Actor
from app.demo import DEMO_PASSWORD
from app.numbering import ensure_at_least, format_doc_no
from app.settings import get_setting, set_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar

SEED = 20240315
DEFAULT_CASES = 100_000
DEFAULT_TODAY = date(2025, 6, 30)
YEARS = 3
CHUNK = 10_000  # rows per executemany: bounded memory for the parameter lists
PASSWORD = DEMO_PASSWORD

STAFF: tuple[tuple[str, str, tuple[Role, ...]], ...] = (
    ("wangfang", "王芳", (Role.DISCLOSURE_STAFF, Role.EDITOR)),
    ("sunli", "孙丽", (Role.DISCLOSURE_STAFF,)),
    ("zhaomin", "赵敏", (Role.SECTION_HEAD,)),
    ("chenjun", "陈军", (Role.LEADER_IN_CHARGE,)),
    ("yanghua", "杨华", (Role.PRINCIPAL_LEADER,)),
)
HANDLERS = ("wangfang", "sunli")

# Shares as a county register shows them (percent-ish weights).
APPLICANT_WEIGHTS = {
    ApplicantType.NATURAL: 80, ApplicantType.BUSINESS: 9, ApplicantType.RESEARCH: 1,
    ApplicantType.PUBLIC_WELFARE: 1, ApplicantType.LEGAL_SERVICE: 5, ApplicantType.OTHER: 4,
}
CHANNEL_WEIGHTS = {
    Channel.INTERNET: 55, Channel.LETTER_REGISTERED: 20, Channel.LETTER_ORDINARY: 5,
    Channel.IN_PERSON: 15, Channel.FAX: 2, Channel.OTHER: 3,
}
REPLY_WEIGHTS = {
    ReplyType.ALREADY_PUBLIC: 20, ReplyType.DISCLOSABLE: 25, ReplyType.PARTIAL: 8, ReplyType.WITHHELD: 6,
    ReplyType.NOT_EXIST: 14, ReplyType.NOT_OURS: 8, ReplyType.NEEDS_PRODUCTION: 3, ReplyType.REPEATED: 3,
    ReplyType.PETITION: 4, ReplyType.PUBLICATION: 1, ReplyType.EXCESSIVE: 1, ReplyType.CONFIRMATION: 1,
    ReplyType.SPECIAL_LAW: 2, ReplyType.FEE_UNPAID: 1, ReplyType.OTHER: 3,
}
CORRECTION_SHARE = 0.08
CORRECTION_LAPSED_SHARE = 0.15  # of corrections: never supplied, closed as 逾期不补正
CONSULTATION_SHARE = 0.06
EXTENSION_SHARE = 0.04
FEE_SHARE = 0.003
LATE_SHARE = 0.015  # replied after the due date
RECONSIDERATION_SHARE = 0.015
LITIGATION_SHARE = 0.007
ARCHIVE_AFTER_DAYS = 90
ARCHIVED_SHARE = 0.7  # of cases closed longer than ARCHIVE_AFTER_DAYS

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢龙"
GIVEN = "明华英秀建国光辉春燕德立新美玲志强文军平红梅丽娟敏静海波云峰杰磊洋勇艳霞芳军涛鹏飞宇晨欣怡浩然子涵"
TOWNS = (
    "三江镇", "茅坪镇", "敦寨镇", "启蒙镇", "平秋镇", "铜鼓镇", "平略镇", "大同乡", "新化乡", "隆里乡",
    "钟灵乡", "偶里乡", "固本乡", "河口乡", "彦洞乡",
)
VILLAGES = (
    "亮司", "边沙", "平略", "铜鼓", "瑶光", "文斗", "魁胆", "华洞", "寨早", "美蒙", "九勺", "培亮", "乌坡", "归固",
)
SUBJECTS = (
    "集体土地征收补偿安置", "国有土地上房屋征收", "农村危房改造补助", "城乡居民最低生活保障", "高速公路建设用地",
    "水库移民后期扶持资金", "县城棚户区改造项目", "退耕还林补助资金", "林权确权登记", "农村公路建设项目",
    "易地扶贫搬迁安置点", "工业园区标准厂房", "城市道路改造工程", "饮水安全巩固提升工程", "生态公益林补偿",
    "耕地地力保护补贴", "集体经营性建设用地出让", "砂石开采许可", "学校建设项目", "乡镇卫生院改扩建",
)
DOCUMENTS = (
    "批准文件", "征收公告", "补偿安置方案", "资金拨付明细", "会议纪要", "实施方案", "项目立项批复",
    "招标投标文件", "合同文本", "验收报告", "审计报告", "环境影响评价文件", "用地规划许可证", "补偿标准",
)
PURPOSES = (
    "本人房屋位于征收范围内，需了解补偿依据。", "用于核实本户享受补助的情况。", "为维护本人合法权益，需要上述信息。",
    "本公司参与该项目，需核对相关文件。", "受委托人委托，代理相关行政复议事项。", "用于学术研究。",
    "本村村民小组需要核对集体资金使用情况。", "",
)
PARTIES = ("县自然资源局", "县财政局", "县住房和城乡建设局", "县林业局", "县水务局", "县交通运输局", "县生态环境局")


@dataclass
class Summary:
    cases: int
    consultations: int
    today: date
    first_day: date
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def open_cases(self) -> int:
        return sum(n for s, n in self.by_status.items() if CaseStatus(s).is_open)

    def lines(self) -> list[str]:
        statuses = ", ".join(f"{CaseStatus(s).label} {n}" for s, n in sorted(self.by_status.items()))
        return [
            f"{self.cases} cases received {self.first_day} … {self.today} ({statuses})",
            f"{self.consultations} consultations; {self.open_cases} open cases; {self.seconds:.1f} s",
        ]


class _Maker:
    """Builds the rows of one database; all randomness comes from one seeded generator."""

    def __init__(self, calendar: WorkCalendar, rng: random.Random, today: date, handler_ids: list[int]) -> None:
        self.calendar = calendar
        self.rng = rng
        self.today = today
        self.handler_ids = handler_ids
        self.first_day = today - timedelta(days=round(365.25 * YEARS) - 1)
        self.workdays = calendar.workdays_in(self.first_day, today)
        self._applicant_types = list(APPLICANT_WEIGHTS)
        self._applicant_w = list(APPLICANT_WEIGHTS.values())
        self._channels = list(CHANNEL_WEIGHTS)
        self._channel_w = list(CHANNEL_WEIGHTS.values())
        self._replies = list(REPLY_WEIGHTS)
        self._reply_w = list(REPLY_WEIGHTS.values())

    # -- small pieces ---------------------------------------------------------------------------
    def after(self, day: date, workdays: int) -> date:
        return self.calendar.add_workdays(day, workdays) if workdays > 0 else day

    def workdays_until_today(self, day: date) -> int:
        return len(self.workdays) - bisect_right(self.workdays, day)

    def person(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def applicant(self, kind: ApplicantType) -> tuple[str, str]:
        """(name, id number): an ID card for a person, a credit code for an organisation."""
        r = self.rng
        if kind is ApplicantType.NATURAL:
            born = date(1950, 1, 1) + timedelta(days=r.randrange(365 * 52))
            first17 = f"522628{born:%Y%m%d}{r.randrange(1000):03d}"
            return self.person(), first17 + id_card_check_digit(first17)
        if kind is ApplicantType.BUSINESS:
            name = f"锦屏县{r.choice(TOWNS)[:2]}{r.choice(('木业', '建材', '房地产开发', '农业', '商贸'))}有限公司"
        elif kind is ApplicantType.LEGAL_SERVICE:
            name = f"贵州{r.choice(('黔锦', '清江', '苗岭', '天柱', '明德'))}律师事务所"
        elif kind is ApplicantType.RESEARCH:
            name = f"{r.choice(('贵州大学', '凯里学院', '贵州民族大学'))}公共管理学院"
        elif kind is ApplicantType.PUBLIC_WELFARE:
            name = f"锦屏县{r.choice(('环保', '助学', '志愿者'))}协会"
        else:
            name = f"{r.choice(TOWNS)}{r.choice(VILLAGES)}村民委员会"
        prefix = {ApplicantType.BUSINESS: "91", ApplicantType.LEGAL_SERVICE: "31"}.get(kind, "52")
        first17 = f"{prefix}522628{''.join(r.choice('0123456789ABCDEFGHJKLMNPQRTUWXY') for _ in range(9))}"
        return name, first17 + uscc_check_char(first17)

    def content(self) -> str:
        r = self.rng
        parts = []
        for _ in range(r.choice((1, 1, 2, 3))):
            year = r.randint(2015, self.today.year)
            town = r.choice(TOWNS)
            place = f"{town}{r.choice(VILLAGES)}村" if r.random() < 0.5 else town
            parts.append(f"申请公开{year}年{place}{r.choice(SUBJECTS)}的{r.choice(DOCUMENTS)}")
        return "；".join(parts) + "。" + r.choice(PURPOSES)

    # -- one case -------------------------------------------------------------------------------
    def case(self, case_id: int, received: date) -> tuple[dict[str, Any], dict[str, Any] | None]:
        r = self.rng
        kind = r.choices(self._applicant_types, self._applicant_w)[0]
        channel = r.choices(self._channels, self._channel_w)[0]
        name, id_number = self.applicant(kind)
        content = self.content()
        post = channel in (Channel.LETTER_REGISTERED, Channel.LETTER_ORDINARY) or r.random() < 0.3
        delivery = DeliveryMethod.POST if post else r.choice((DeliveryMethod.EMAIL, DeliveryMethod.IN_PERSON))
        values: dict[str, Any] = dict(
            id=case_id, case_no="", status="", applicant_type=kind.value, applicant_name=name,
            id_type="居民身份证" if kind is ApplicantType.NATURAL else "统一社会信用代码", id_number=id_number,
            legal_representative="" if kind is ApplicantType.NATURAL else self.person(),
            contact_person="", phone=f"1{r.choice('3589')}{r.randrange(10**9):09d}",
            email=f"user{case_id}@163.com" if r.random() < 0.2 else "",
            address=f"锦屏县{r.choice(TOWNS)}{r.choice(VILLAGES)}村{r.randint(1, 12)}组", postcode="556700",
            agent_name="", agent_id_number="", agent_phone="", has_power_of_attorney=False,
            channel=channel.value, submitted_on=received, channel_date=None, received_on=received,
            receipt_rule="", content=content, info_reference="", form_wanted=r.choice(("纸质", "电子邮件", "纸质")),
            delivery_method=delivery.value, due_on=None, due_unconfirmed=False,
            correction_notice_on=None, correction_items="", correction_due_on=None, correction_received_on=None,
            extension_notified_on=None, extension_reason="", fee_notice_on=None, fee_amount=None, fee_paid_on=None,
            reply_type="", outcome="", outcome_detail=None, reply_body="", reply_doc_no="", justice_review_on=None,
            justice_opinion="", replied_on=None, reply_delivery_method="", tracking_no="", delivered_on=None,
            reply_round=1, reconsideration_result="", reconsideration_on=None, litigation_kind="",
            litigation_result="", litigation_on=None, remarks="", search_text="",
            handler_id=r.choice(self.handler_ids), created_by="make_data",
            created_at=datetime.combine(received, datetime.min.time()) + timedelta(hours=9, minutes=r.randrange(480)),
            updated_at=None, closed_at=None, archived_at=None, version=1,
        )
        consultation: dict[str, Any] | None = None
        start = received
        awaiting_correction = False
        lapsed_on: date | None = None
        if r.random() < CORRECTION_SHARE:
            notice = self.after(received, r.randint(1, 7))
            due = self.after(notice, 15)
            values.update(correction_notice_on=notice, correction_due_on=due,
                          correction_items="1. 请明确所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述。")
            if r.random() < CORRECTION_LAPSED_SHARE:
                lapsed_on = self.after(due, r.randint(1, 5))
                awaiting_correction = lapsed_on > self.today
            else:
                supplied = self.after(notice, r.randint(1, 14))
                if supplied > self.today:
                    awaiting_correction = True
                else:
                    values["correction_received_on"] = supplied
                    start = supplied
        pauses: list[Pause] = []
        if not awaiting_correction and lapsed_on is None and r.random() < CONSULTATION_SHARE:
            ckind = r.choice((ConsultationKind.DEPARTMENT, ConsultationKind.DEPARTMENT, ConsultationKind.THIRD_PARTY,
                              ConsultationKind.CO_PRODUCER))
            sent = self.after(start, r.randint(1, 8))
            answered: date | None = self.after(sent, r.randint(1, ckind.answer_days + 2))
            if sent > self.today:
                sent = self.today
            if answered is not None and answered > self.today:
                answered = None
            party = r.choice(PARTIES) if ckind is not ConsultationKind.THIRD_PARTY else self.person()
            consultation = dict(
                case_id=case_id, kind=ckind.value, party=party, matter="是否同意公开申请所涉信息",
                sent_on=sent, due_on=self.after(sent, ckind.answer_days), answered_on=answered,
                opinion="agree" if answered else "", opinion_text="", decision="", decision_reason="",
                created_at=datetime.combine(sent, datetime.min.time()),
            )
            pauses.append(consultation_pause(ckind.value, party, sent, answered))
        if r.random() < FEE_SHARE and not awaiting_correction and lapsed_on is None:
            notice = self.after(start, r.randint(3, 10))
            paid = self.after(notice, r.randint(1, 10))
            values.update(fee_notice_on=notice, fee_amount=Decimal(r.choice((100, 200, 500))),
                          fee_paid_on=paid if paid <= self.today else None)
            # cases.fee_pauses_clock defaults to True (checked by make_data before generating)
            pauses.append(fee_pause(notice, values["fee_paid_on"], None))
        extended = False
        if not awaiting_correction and lapsed_on is None and r.random() < EXTENSION_SHARE:
            base = compute(self.calendar, DeadlineInput(received, values["correction_received_on"], False,
                                                        tuple(pauses)), self.today).due
            assert base is not None
            notified = self.after(start, r.randint(12, 19))
            if notified <= min(base, self.today):
                values.update(extension_notified_on=notified, extension_reason="需要协调多个部门检索、汇总相关信息")
                extended = True
        deadline = compute(self.calendar, DeadlineInput(
            received_on=received, correction_received_on=values["correction_received_on"],
            awaiting_correction=awaiting_correction, pauses=tuple(pauses), extended=extended,
        ), self.today)
        values.update(due_on=deadline.due, due_unconfirmed=not deadline.confirmed)
        self._reply(values, deadline.due, start, lapsed_on, awaiting_correction)
        return values, consultation

    def _reply(self, values: dict[str, Any], due: date | None, start: date, lapsed_on: date | None,
               awaiting_correction: bool) -> None:
        r = self.rng
        if awaiting_correction:
            values["status"] = CaseStatus.AWAITING_CORRECTION.value
            return
        if lapsed_on is not None:
            self._close(values, ReplyType.NO_CORRECTION, lapsed_on, by_post=False)
            return
        assert due is not None
        if r.random() < LATE_SHARE:
            replied = self.after(due, r.randint(1, 10))
        else:
            span = max(1, self.calendar.workdays_between(start, due))
            replied = self.after(start, max(1, min(span, int(r.triangular(3, span, span * 0.7)))))
        reply = r.choices(self._replies, self._reply_w)[0]
        if replied > self.today:
            # Still open: what stage it reached depends on how close the planned reply is.
            left = self.calendar.workdays_between(self.today, replied)
            if self.workdays_until_today(values["received_on"]) <= 1:
                values["status"] = CaseStatus.REGISTERED.value
            elif left <= 3:
                self._draft(values, reply)
                values["status"] = CaseStatus.AWAITING_APPROVAL.value
                values["justice_review_on"] = self.today if left <= 1 else None
            else:
                values["status"] = CaseStatus.IN_PROGRESS.value
            return
        by_post = values["delivery_method"] == DeliveryMethod.POST.value
        self._close(values, reply, replied, by_post)
        delivered = self.after(replied, r.randint(1, 4)) if by_post else replied
        if delivered > self.today:
            # Sent, not yet delivered: still awaiting approval's successor state (open, replied).
            values.update(status=CaseStatus.AWAITING_APPROVAL.value, closed_at=None, delivered_on=None)
        else:
            values["delivered_on"] = delivered
            self._remedies(values, replied)

    def _draft(self, values: dict[str, Any], reply: ReplyType) -> None:
        detail = reply.fixed_detail
        if detail is None and reply.outcome.details:
            detail = self.rng.randrange(7)  # 不予公开: reasons 1–7 (8 is the special-law type)
        values.update(reply_type=reply.value, outcome=reply.outcome.value, outcome_detail=detail)

    def _close(self, values: dict[str, Any], reply: ReplyType, replied: date, by_post: bool) -> None:
        self._draft(values, reply)
        values.update(
            replied_on=replied, status=CaseStatus.CLOSED.value,
            closed_at=datetime.combine(replied, datetime.min.time()) + timedelta(hours=16),
            updated_at=datetime.combine(replied, datetime.min.time()) + timedelta(hours=16),
        )
        if reply is not ReplyType.NO_CORRECTION:
            values["justice_review_on"] = replied - timedelta(days=1)
            values["reply_delivery_method"] = values["delivery_method"]
            if by_post:
                values["tracking_no"] = f"1{self.rng.randrange(10**12):012d}"
        if (self.today - replied).days > ARCHIVE_AFTER_DAYS and self.rng.random() < ARCHIVED_SHARE:
            archived = replied + timedelta(days=self.rng.randint(30, ARCHIVE_AFTER_DAYS))
            values.update(status=CaseStatus.ARCHIVED.value, archived_at=datetime.combine(archived, datetime.min.time()))

    def _remedies(self, values: dict[str, Any], replied: date) -> None:
        r = self.rng
        results = (RemedyResult.UPHELD, RemedyResult.UPHELD, RemedyResult.UPHELD, RemedyResult.CORRECTED,
                   RemedyResult.OTHER)
        if r.random() < RECONSIDERATION_SHARE:
            on = replied + timedelta(days=r.randint(15, 60))
            if on <= self.today:
                pending = (self.today - on).days < 60
                result = RemedyResult.PENDING if pending else r.choice(results)
                values.update(reconsideration_on=on, reconsideration_result=result.value)
        if r.random() < LITIGATION_SHARE:
            on = replied + timedelta(days=r.randint(30, 180))
            if on <= self.today:
                reviewed = values["reconsideration_on"] is not None
                lit_kind = LitigationKind.AFTER_RECONSIDERATION if reviewed else LitigationKind.DIRECT
                result = RemedyResult.PENDING if (self.today - on).days < 120 else r.choice(results)
                values.update(litigation_on=on, litigation_kind=lit_kind.value, litigation_result=result.value)


def _accounts(session: Session) -> list[int]:
    """The administrator and staff (through the real services); returns the handlers' ids."""
    admin = create_first_admin(session, "admin", "系统管理员", PASSWORD)
    system = Actor.system()
    users = {"admin": admin}
    for username, name, roles in STAFF:
        users[username] = create_user(session, system, username, name, PASSWORD, roles, "信息中心")
    for key, value in (("org.address", "贵州省黔东南苗族侗族自治州锦屏县三江镇政府路1号"),
                       ("org.phone", "0855-7222001"), ("org.postcode", "556700")):
        set_setting(session, system, key, value)
    return [users[u].id for u in HANDLERS]


def _number(session: Session, rows: list[dict[str, Any]]) -> None:
    """受理编号 per year of receipt in order of receipt, 答复书文号 per year of reply in order of reply;
    the counters continue above them so the program's next numbers do not collide."""
    short = str(get_setting(session, "org.short_name"))
    case_pattern, reply_pattern = str(get_setting(session, "docno.case")), str(get_setting(session, "docno.reply"))
    counters: Counter[int] = Counter()
    for row in rows:  # already in order of receipt
        year = row["received_on"].year
        counters[year] += 1
        row["case_no"] = format_doc_no(case_pattern, short, year, counters[year])
    for year, n in counters.items():
        ensure_at_least(session, "case", year, n)
    replies: Counter[int] = Counter()
    replied = [row for row in rows if row["replied_on"] is not None and row["reply_type"] != "no_correction"]
    for row in sorted(replied, key=lambda r: (r["replied_on"], r["id"])):
        year = row["replied_on"].year
        replies[year] += 1
        row["reply_doc_no"] = format_doc_no(reply_pattern, short, year, replies[year])
    for year, n in replies.items():
        ensure_at_least(session, "reply", year, n)


def make_data(folder: Path, cases: int = DEFAULT_CASES, seed: int = SEED, today: date = DEFAULT_TODAY) -> Summary:
    """Create and fill the database of data folder `folder`, which must not hold cases yet."""
    started = time.perf_counter()
    db = open_database(folder)
    try:
        with db.session_factory.begin() as session:
            if session.scalar(select(func.count()).select_from(RequestCase)):
                raise SystemExit(f"{folder} already holds cases; make_data needs a fresh data folder")
            if not get_setting(session, "cases.fee_pauses_clock"):
                raise SystemExit("make_data assumes the default cases.fee_pauses_clock = True")
            handler_ids = _accounts(session)
            maker = _Maker(load_calendar(session), random.Random(seed), today, handler_ids)
            received = sorted(maker.rng.choices(maker.workdays, k=cases))
            rows: list[dict[str, Any]] = []
            consultations: list[dict[str, Any]] = []
            for case_id, day in enumerate(received, start=1):
                values, consultation = maker.case(case_id, day)
                rows.append(values)
                if consultation is not None:
                    consultations.append(consultation)
            _number(session, rows)
            for row in rows:
                # The same fields as app.cases.recompute.refresh_search_text, once the number is known.
                row["search_text"] = build_search_text(
                    row["case_no"], row["applicant_name"], row["id_number"], row["contact_person"], row["content"],
                    row["info_reference"])
                row["updated_at"] = row["updated_at"] or row["created_at"]
            cases_table = cast(Table, RequestCase.__table__)
            for i in range(0, len(rows), CHUNK):
                session.execute(insert(cases_table), rows[i:i + CHUNK])
            if consultations:
                session.execute(insert(cast(Table, Consultation.__table__)), consultations)
            by_status = Counter(r["status"] for r in rows)
        return Summary(cases, len(consultations), today, maker.first_day, dict(by_status),
                       time.perf_counter() - started)
    finally:
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir", type=Path, help="a fresh data folder (created if missing)")
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    args = parser.parse_args(argv)
    summary = make_data(args.data_dir, args.cases, args.seed, args.today)
    for line in summary.lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
