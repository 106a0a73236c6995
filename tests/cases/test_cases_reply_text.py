"""Reply wording for every reply type and the legal-remedy sentence (RULES.md C.11–C.12)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.cases.enums import ApplicantType
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.cases.reply_text import (
    default_reply_body,
    remedy_for_case,
    remedy_sentence,
    unfilled_markers,
)
from app.context import Actor
from app.settings import set_setting


def _case(applicant_type: ApplicantType = ApplicantType.NATURAL) -> RequestCase:
    return RequestCase(
        case_no="锦府办依申〔2024〕7号", status="in_progress", applicant_type=applicant_type.value,
        applicant_name="张三", channel="in_person", received_on=date(2024, 3, 5), content="征收补偿方案",
        correction_notice_on=date(2024, 3, 8), correction_due_on=date(2024, 3, 22),
        correction_received_on=date(2024, 3, 20), fee_notice_on=date(2024, 4, 1),
    )


@pytest.mark.parametrize("reply_type", list(ReplyType))
def test_every_type_has_formal_text(reply_type: ReplyType) -> None:
    detail = 0 if reply_type is ReplyType.WITHHELD else None
    body = default_reply_body(reply_type, detail, _case())
    assert len(body) > 40
    assert "《中华人民共和国政府信息公开条例》" in body
    assert "{" not in body and "}" not in body
    assert body.rstrip().endswith("。")


@pytest.mark.parametrize(
    ("index", "article"),
    [
        (0, "第十四条"), (1, "第十四条"), (2, "第十四条"), (3, "第十五条"),
        (4, "第十六条第一款"), (5, "第十六条第二款"), (6, "第十六条第二款"), (7, "第三十六条第（七）项"),
    ],
)
def test_withheld_names_reason_and_article(index: int, article: str) -> None:
    body = default_reply_body(ReplyType.WITHHELD, index, _case())
    assert article in body
    reason = Outcome.WITHHELD.details[index]
    keyword = {0: "国家秘密", 1: "禁止公开", 2: "社会稳定", 3: "第三方合法权益", 4: "内部事务",
               5: "过程性信息", 6: "行政执法案卷", 7: "特别规定"}[index]
    assert keyword in body, reason


def test_withheld_without_reason_leaves_a_marker() -> None:
    body = default_reply_body(ReplyType.WITHHELD, None, _case())
    assert "[不予公开的理由]" in unfilled_markers(body)


def test_not_ours_asks_for_responsible_organ() -> None:
    body = default_reply_body(ReplyType.NOT_OURS, None, _case())
    assert "[负责公开的机关名称及联系方式]" in body
    assert "第三十六条第（五）项" in body


def test_addressed_like_the_template_and_complete() -> None:
    # The templates say “收到您提出的…” to organisations too; the body must not switch to 贵单位.
    body = default_reply_body(ReplyType.NOT_EXIST, None, _case(ApplicantType.LEGAL_SERVICE))
    assert "您" in body and "贵单位" not in body
    assert unfilled_markers(body) == []


def test_dates_of_the_case_appear() -> None:
    body = default_reply_body(ReplyType.NO_CORRECTION, None, _case())
    assert "2024年3月8日" in body and "2024年3月22日" in body and "第三十条" in body


def test_remedy_for_refusal_requires_reconsideration_first() -> None:
    text = remedy_sentence("锦屏县人民政府", "锦屏县人民法院", withheld=True)
    assert text.startswith("对本答复不服的，可以自收到本答复之日起六十日内向锦屏县人民政府申请行政复议")
    assert "锦屏县人民法院" not in text  # no direct lawsuit after a refusal (行政复议法第二十三条)
    assert "六个月" not in text and "行政复议决定书之日起十五日内" in text


def test_remedy_for_other_replies_offers_both() -> None:
    text = remedy_sentence("锦屏县人民政府", "锦屏县人民法院", withheld=False)
    assert "六十日内向锦屏县人民政府申请行政复议" in text
    assert "或者自收到本答复之日起六个月内向锦屏县人民法院提起行政诉讼" in text


def test_remedy_for_case_reads_settings(session: Session) -> None:
    set_setting(session, Actor.system(), "remedy.reconsideration_body", "黔东南苗族侗族自治州人民政府")
    case = _case()
    case.outcome = Outcome.WITHHELD.value
    assert "黔东南苗族侗族自治州人民政府申请行政复议" in remedy_for_case(session, case)
    case.outcome = Outcome.PARTIAL.value
    assert "六个月" not in remedy_for_case(session, case)
    case.outcome = Outcome.DISCLOSED.value
    assert "六个月内向锦屏县人民法院" in remedy_for_case(session, case)


def test_citations_introduce_the_short_title_on_first_use() -> None:
    from app.cases.reply_text import REGULATION, introduce_short_title

    text = introduce_short_title(f"根据{REGULATION}第三十六条第（二）项……根据{REGULATION}第三十七条、《条例》第十五条")
    assert text == (f"根据{REGULATION}（以下简称《条例》）第三十六条第（二）项……"
                    "根据《条例》第三十七条、《条例》第十五条")
    once = f"根据{REGULATION}第三十六条第（四）项的规定"
    assert introduce_short_title(once) == once  # used once: no abbreviation to introduce
