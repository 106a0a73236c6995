"""The default wording of a reply letter (答复书) for each reply type, and the legal-remedy sentence.

The body is what follows “现答复如下：” in the letter: the template already names the applicant,
the date the request arrived and what was asked for. Each paragraph is one line. Where the office
must supply a fact the program cannot know (a web address, the organ that does hold the
information), the text carries a bracketed marker such as “[负责公开的机关名称及联系方式]”;
`unfilled_markers` finds them so a letter is not stored while one is left.

Citations are to 《中华人民共和国政府信息公开条例》(国务院令第711号), called 《条例》 after the
first mention, as the reply letters of county offices customarily do.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from app.cases.models import RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.settings import get_setting

REGULATION = "《中华人民共和国政府信息公开条例》"
SHORT = "《条例》"
_MARKER = re.compile(r"\[[^\[\]]{1,60}\]")

# 不予公开: one sentence per annual-report sub-row (Outcome.WITHHELD.details, same order), each
# naming the reason and the article that allows or requires withholding.
WITHHELD_REASONS: tuple[str, ...] = (
    "经审查，您申请获取的信息已依法确定为国家秘密。根据{reg}第十四条“依法确定为国家秘密的政府信息……不予公开”的规定，本机关决定不予公开。",
    "经审查，[法律、行政法规名称及条款]禁止公开您申请获取的信息。根据{reg}第十四条“法律、行政法规禁止公开的政府信息……不予公开”的规定，本机关决定不予公开。",
    "经审查，您申请获取的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{reg}第十四条的规定，本机关决定不予公开。",
    "经审查，您申请获取的信息涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害。本机关已书面征求第三方意见，第三方不同意公开且理由合理，本机关认为不公开不会对公共利益造成重大影响。根据{reg}第十五条的规定，本机关决定不予公开。",
    "经审查，您申请获取的信息属于行政机关人事管理、后勤管理、内部工作流程等方面的内部事务信息。根据{reg}第十六条第一款的规定，本机关决定不予公开。",
    "经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{reg}第十六条第二款的规定，本机关决定不予公开。",
    "经审查，您申请获取的信息属于行政执法案卷信息。根据{reg}第十六条第二款的规定，本机关决定不予公开。",
    "",  # 属于行政查询事项: the special-law text below, shared with ReplyType.SPECIAL_LAW
)

_SPECIAL_LAW = (
    "经审查，您申请获取的信息属于[工商登记资料/不动产登记资料等]，有关法律、行政法规对该类信息的获取有特别规定。"
    "根据{reg}第三十六条第（七）项的规定，请您依照[《不动产登记暂行条例》《不动产登记资料查询暂行办法》等]的规定，"
    "向[不动产登记机构/市场监督管理部门]申请查询。"
)


def _you(case: RequestCase) -> str:
    """How the body addresses the applicant. The letter templates say “收到您提出的…” to people
    and organisations alike, so the body does too: one letter must not switch forms."""
    return "您"


def _cn(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "[日期]"


# 保护第三方合法权益 when no third party was consulted: the letter must not claim it was.
_THIRD_PARTY_UNCONSULTED = (
    "经审查，您申请获取的信息涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害，"
    "且本机关认为不公开不会对公共利益造成重大影响。根据{reg}第十五条的规定，本机关决定不予公开。"
)


def _withheld(detail_index: int | None, case: RequestCase) -> str:
    if detail_index is None or not 0 <= detail_index < len(WITHHELD_REASONS):
        return "经审查，[不予公开的理由]。根据{reg}第[  ]条的规定，本机关决定不予公开。"
    if detail_index == 3 and not any(c.kind == "third_party" and c.opinion == "object" for c in case.consultations):
        return _THIRD_PARTY_UNCONSULTED
    return WITHHELD_REASONS[detail_index] or _SPECIAL_LAW


# The replies whose wording needs nothing from the case but how it addresses the applicant.
_TEMPLATES: dict[ReplyType, str] = {
    ReplyType.ALREADY_PUBLIC: (
        "经查，{you}申请获取的政府信息本机关已主动公开。根据{reg}第三十六条第（一）项的规定，"
        "{you}可通过[网站名称、栏目及网址，或公开查阅场所]查阅、获取。"
    ),
    ReplyType.DISCLOSABLE: (
        "经查，{you}申请获取的政府信息属于可以公开的政府信息。根据{reg}第三十六条第（二）项的规定，"
        "现将该信息提供给{you}（见附件）。"
    ),
    ReplyType.PARTIAL: (
        "经查，{you}申请获取的信息中，[可以公开的内容]属于可以公开的政府信息，现提供给{you}（见附件）；"
        "[不予公开的内容]因[理由]，根据{reg}第[  ]条的规定不予公开。\n"
        "上述信息能够作区分处理，根据{short}第三十七条的规定，本机关向{you}提供可以公开的内容，"
        "并对不予公开的内容说明理由如上。"
    ),
    ReplyType.NOT_EXIST: (
        "经检索，本机关未制作或获取{you}申请公开的政府信息。根据{reg}第三十六条第（四）项的规定，"
        "现告知{you}：该政府信息不存在。"
    ),
    ReplyType.NOT_OURS: (
        "经查，{you}申请获取的政府信息不属于本机关负责公开的范围，理由是：[不属于本机关负责公开的理由]。"
        "根据{reg}第三十六条第（五）项的规定，建议{you}向[负责公开的机关名称及联系方式]提出申请。"
    ),
    ReplyType.NEEDS_PRODUCTION: (
        "经查，本机关没有{you}所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。"
        "根据{reg}第三十八条的规定，本机关不予提供。"
    ),
    ReplyType.PETITION: (
        "经审查，{you}以政府信息公开申请的形式提出的事项属于信访、投诉、举报等诉求。根据{reg}第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，{you}可通过[信访、投诉、举报渠道]提出。"
    ),
    ReplyType.PUBLICATION: (
        "经查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。根据{reg}第三十九条第二款的规定，"
        "{you}可通过[获取途径，如图书馆、出版发行单位或政府网站]获取。"
    ),
    ReplyType.CONFIRMATION: (
        "经审查，{you}的申请系要求本机关对有关事项作出确认或者重新出具{you}已获取的信息，"
        "不属于{reg}第二条所规定的政府信息公开申请，本机关不作为政府信息公开申请处理。"
    ),
}


def default_reply_body(
    reply_type: ReplyType, detail_index: int | None, case: RequestCase, *,
    earlier: tuple[date, str] | None = None,
) -> str:
    """Formal Chinese text of the answer for `reply_type` (paragraphs separated by newlines).

    `detail_index` is the annual-report sub-row; only 不予公开 needs it (the reason). `earlier` is
    the (answer date, 文号) of the earlier request a 重复申请 reply names. The first
    mention of the regulation uses its full title, as the letter has not named it before.
    """
    you = _you(case)
    reg = REGULATION
    text: str
    if reply_type in _TEMPLATES:
        text = _TEMPLATES[reply_type].format(you=you, reg=reg, short=SHORT)
    elif reply_type is ReplyType.WITHHELD:
        text = _withheld(detail_index, case).format(reg=reg)
    elif reply_type is ReplyType.SPECIAL_LAW:
        text = _SPECIAL_LAW.format(reg=reg)
    elif reply_type is ReplyType.UNCLEAR_AFTER_CORRECTION:
        received = _cn(case.correction_received_on)
        text = (
            f"本机关已于{_cn(case.correction_notice_on)}一次性告知{you}补正申请内容，{you}于{received}提交了补正材料。"
            f"经审查，补正后的申请内容仍不明确，本机关无法据此确定{you}所需的政府信息。"
            f"根据{reg}第二十九条第二款第（二）项、第三十条的规定，本机关无法向{you}提供。"
        )
    elif reply_type is ReplyType.REPEATED:
        when, doc = ("[前次答复日期]", "[前次答复文号]")
        if earlier is not None:
            when, doc = _cn(earlier[0]), earlier[1] or "[前次答复文号]"
        text = (
            f"本机关已于{when}就{you}提出的相同政府信息公开申请作出答复（{doc}），"
            f"{you}本次系重复申请公开相同政府信息。根据{reg}第三十六条第（六）项的规定，本机关不予重复处理。"
        )
    elif reply_type is ReplyType.EXCESSIVE:
        # The facts on file (app.cases.excessive): when the reasons were asked for, and whether the
        # applicant answered; the office's own reason follows from the recorded decision.
        asked = case.excessive_asked_on
        doc = f"（{case.excessive_ask_doc_no}）" if case.excessive_ask_doc_no else ""
        answered = (f"{you}于{_cn(case.excessive_reasons_on)}作出说明。经审查，本机关认为{you}的申请理由不合理"
                    if case.excessive_reasons_on else f"{you}在期限内未说明理由")
        text = (
            f"{you}申请公开政府信息的数量、频次明显超过合理范围，本机关于{_cn(asked)}书面要求{you}说明理由{doc}，"
            f"{answered}。根据{reg}第三十五条的规定，本机关不予处理。"
        )
    elif reply_type is ReplyType.NO_CORRECTION:
        text = (
            f"本机关于{_cn(case.correction_notice_on)}一次性告知{you}补正申请内容，补正期限至"
            f"{_cn(case.correction_due_on)}。{you}在补正期限内无正当理由未予补正，根据{reg}第三十条的规定，"
            f"视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
    elif reply_type is ReplyType.FEE_UNPAID:
        text = (
            f"本机关于{_cn(case.fee_notice_on)}向{you}发出收费通知。{you}逾期未按收费通知要求缴纳信息处理费，"
            f"根据{reg}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
            f"视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
    else:
        text = f"经审查，[处理情况及理由]。根据{reg}[相关条款]的规定，本机关[处理结论]。"
    return introduce_short_title(text)


def introduce_short_title(text: str) -> str:
    """Citations follow 《条例》第三十一条第（二）项: the first mention of the regulation gives its
    full title and introduces 《条例》, every later one uses 《条例》."""
    first = text.find(REGULATION)
    if first < 0:
        return text
    head, tail = text[: first + len(REGULATION)], text[first + len(REGULATION):]
    tail = tail.replace(REGULATION, SHORT)
    if SHORT not in tail:
        return text
    return head + "（以下简称《条例》）" + tail


def unfilled_markers(text: str) -> list[str]:
    """The bracketed fill-in markers still present, e.g. ["[负责公开的机关名称及联系方式]"]."""
    return list(dict.fromkeys(_MARKER.findall(text)))


def is_withheld(case: RequestCase) -> bool:
    """Whether the reply refuses disclosure in whole or in part (see `remedy_sentence`)."""
    outcome = case.outcome
    if not outcome and case.reply_type:  # a draft whose outcome has not been stored yet
        outcome = ReplyType(case.reply_type).outcome.value
    return outcome in (Outcome.WITHHELD.value, Outcome.PARTIAL.value)


def remedy_sentence(reconsideration_body: str, court: str, withheld: bool) -> str:
    """The legal-remedy paragraph of a reply letter (RULES.md C.12).

    Reading of the law applied here:
    - 行政复议法 (2023 revision, in force 2024-01-01) 第二十条: reconsideration may be applied for
      within 60 days of knowing the act; for a written reply that is the day it is received.
    - 同法第二十三条第一款第（四）项: “申请政府信息公开，行政机关不予公开” must go to reconsideration
      before any lawsuit; after the decision, 行政诉讼法第四十五条 gives 15 days from receiving it.
      A partial disclosure refuses the withheld part, and 行政查询事项 is counted as 不予公开 in the
      annual report, so both are treated as refusals (`withheld=True`): telling such an applicant
      they could sue at once would send them to a court that must turn them away.
    - Every other reply (公开, 无法提供, 不予处理, 其他处理): reconsideration or, at the applicant's
      choice, a lawsuit within six months (行政诉讼法第四十六条第一款).
    The body and the court come from settings because they depend on whose name the reply is in
    (the county government or its office).
    """
    body = reconsideration_body.strip() or "[行政复议机关]"
    if withheld:
        return (
            f"对本答复不服的，可以自收到本答复之日起六十日内向{body}申请行政复议；"
            "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
        )
    court_name = court.strip() or "[人民法院名称]"
    return (
        f"对本答复不服的，可以自收到本答复之日起六十日内向{body}申请行政复议，"
        f"或者自收到本答复之日起六个月内向{court_name}提起行政诉讼。"
    )


def remedy_for_settings(session: Session, withheld: bool) -> str:
    """`remedy_sentence` with the reconsideration body and court of the office's settings."""
    return remedy_sentence(
        str(get_setting(session, "remedy.reconsideration_body")), str(get_setting(session, "remedy.court")), withheld
    )


def remedy_for_case(session: Session, case: RequestCase) -> str:
    return remedy_for_settings(session, is_withheld(case))
