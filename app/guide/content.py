"""What the 政府信息公开指南 says, gathered from the office's settings (条例第十二条).

The settings a guide is made from are listed once (`GUIDE_SETTING_KEYS`): their values are
stored with every exported edition, and a later change of any of them makes a published guide
out of date. The channel paragraphs reuse the intake rules (`app.cases.intake.receipt_date`), so
the guide and the registration form fix the date of receipt in the same words.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.cases.enums import Channel
from app.cases.intake import receipt_date
from app.disclosure.enums import CHANNELS
from app.errors import ValidationError
from app.settings import SETTINGS, all_settings
from reports.guide.data import Contact, GuideInput

GUIDE_SETTING_KEYS: tuple[str, ...] = (
    "org.name", "guide.office", "org.address", "org.postcode", "guide.office_hours", "org.phone", "guide.fax",
    "guide.email", "guide.portal_url", "guide.request_platform", "guide.channel_internet", "guide.channel_letter",
    "guide.channel_in_person", "guide.channel_fax", "review.accounts", "guide.complaint_body",
    "remedy.reconsideration_body", "remedy.court",
)
# 条例第十二条 names these (机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式); the others
# are needed for the letter channel, the portal and 监督和救济.
_REQUIRED: tuple[str, ...] = (
    "org.name", "guide.office", "org.address", "org.postcode", "guide.office_hours", "org.phone", "guide.fax",
    "guide.email", "guide.portal_url", "guide.complaint_body", "remedy.reconsideration_body", "remedy.court",
)
_CHANNEL_KEYS = ("guide.channel_internet", "guide.channel_letter", "guide.channel_in_person", "guide.channel_fax")
SETTINGS_PLACE = "系统设置 → 系统参数"


@dataclass(frozen=True)
class GuideFacts:
    """The settings a guide is made from, and their fingerprint (equal values, equal fingerprint)."""

    values: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        text = json.dumps(self.values, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def text(self, key: str) -> str:
        return str(self.values.get(key) or "").strip()


def guide_facts(session: Session) -> GuideFacts:
    stored = all_settings(session)
    return GuideFacts({key: stored[key] for key in GUIDE_SETTING_KEYS})


def changed_labels(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The Chinese labels of the guide's settings whose values differ."""
    return [SETTINGS[k].label for k in GUIDE_SETTING_KEYS if before.get(k, SETTINGS[k].default) != after.get(k)]


def check_complete(facts: GuideFacts) -> None:
    """Refuse, naming every missing setting, rather than print a guide with gaps."""
    missing = [SETTINGS[k].label for k in _REQUIRED if not facts.text(k)]
    if facts.values.get("guide.channel_internet") and not facts.text("guide.request_platform"):
        missing.append(SETTINGS["guide.request_platform"].label + "（已开通互联网申请）")
    if missing:
        raise ValidationError(
            "公开指南缺少条例第十二条要求公开的信息：" + "、".join(missing)
            + f"。请系统管理员在“{SETTINGS_PLACE}”中填写后再导出。", field=_first_missing(facts))
    if not any(facts.values.get(k) for k in _CHANNEL_KEYS):
        raise ValidationError(f"尚未开通任何申请渠道。请系统管理员在“{SETTINGS_PLACE} → 公开指南”中至少开通一个渠道。",
                              field="guide.channel_internet")


def _first_missing(facts: GuideFacts) -> str:
    return next((k for k in _REQUIRED if not facts.text(k)), "guide.request_platform")


def contact(facts: GuideFacts) -> Contact:
    return Contact(
        org_name=facts.text("org.name"), office=facts.text("guide.office"), address=facts.text("org.address"),
        postcode=facts.text("org.postcode"), phone=facts.text("org.phone"), fax=facts.text("guide.fax"),
        email=facts.text("guide.email"),
    )


def _rule(channel: Channel) -> str:
    # The intake rule cites “条例”; the guide abbreviates the regulation as 《条例》.
    return receipt_date(channel, None, None).rule_text.replace("（条例", "（《条例》") + "。"


def request_channels(facts: GuideFacts) -> list[str]:
    """One paragraph per channel the office has opened: how to use it and its date of receipt."""
    office, address, postcode = facts.text("guide.office"), facts.text("org.address"), facts.text("org.postcode")
    texts: list[str] = []
    if facts.values.get("guide.channel_internet"):
        texts.append(f"互联网申请。申请人可以通过政府门户网站（{facts.text('guide.portal_url')}）"
                     f"“{facts.text('guide.request_platform')}”在线提交申请，提交成功后由网站提供电子回执或者短信通知。"
                     + _rule(Channel.INTERNET))
    if facts.values.get("guide.channel_letter"):
        texts.append(f"信函申请。申请人可以将申请表或者申请书邮寄至{office}（{address}，邮政编码{postcode}），"
                     "并在信封上注明“政府信息公开申请”字样。" + _rule(Channel.LETTER_REGISTERED)
                     + _rule(Channel.LETTER_ORDINARY))
    if facts.values.get("guide.channel_in_person"):
        texts.append(f"当面申请。申请人可以在办公时间到{office}（{address}）当面提交申请，并出示本人身份证明；"
                     "委托他人申请的，应当提交授权委托书和委托人、受托人的身份证明。采用书面形式确有困难的，"
                     "由工作人员代为填写，经申请人确认。工作人员当场出具回执，写明收到申请的日期和答复期限。"
                     + _rule(Channel.IN_PERSON))
    if facts.values.get("guide.channel_fax"):
        texts.append(f"传真申请。申请人可以将申请表或者申请书传真至{facts.text('guide.fax')}，并通过电话"
                     f"（{facts.text('org.phone')}）确认。" + _rule(Channel.FAX))
    return [f"{n}.{text}" for n, text in enumerate(texts, start=1)]


def proactive_channels(facts: GuideFacts) -> list[str]:
    """Rule B 第八条: the portal first, the office's new-media accounts, then the other channels."""
    texts = [f"{CHANNELS[0]}：{facts.text('guide.portal_url')}（第一发布平台）；"]
    accounts = [a.strip() for a in facts.values.get("review.accounts") or [] if a.strip()]
    if accounts:
        texts.append(f"{CHANNELS[1]}：" + "、".join(accounts) + "；")
    texts.append("、".join(CHANNELS[2:]) + "等其他途径。")
    return [f"{n}.{text}" for n, text in enumerate(texts, start=1)]


def guide_input(facts: GuideFacts, compiled_on: date) -> GuideInput:
    check_complete(facts)
    return GuideInput(
        contact=contact(facts), office_hours=facts.text("guide.office_hours"),
        portal_url=facts.text("guide.portal_url"), proactive_channels=proactive_channels(facts),
        request_channels=request_channels(facts), reconsideration_body=facts.text("remedy.reconsideration_body"),
        court=facts.text("remedy.court"), complaint_body=facts.text("guide.complaint_body"), compiled_on=compiled_on,
    )
