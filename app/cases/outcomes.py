"""Reply types (条例第三十六条) and the annual-report rows they count under (RULES.md C.11, D).

The labels are the national template's words, letter for letter: the annual report and the
register importer match them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """办理结果: the six result groups of Part 3 of the annual report."""

    DISCLOSED = "disclosed"
    PARTIAL = "partial"
    WITHHELD = "withheld"
    UNAVAILABLE = "unavailable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def row_label(self) -> str:
        """The row heading in the annual report, e.g. （二）部分公开（区分处理的，只计这一情形，不计其他情形）."""
        return OUTCOME_ROW_LABELS[self]

    @property
    def details(self) -> tuple[str, ...]:
        """The sub-rows (具体情形) in template order; empty for 予以公开 and 部分公开."""
        return OUTCOME_DETAILS[self]


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.DISCLOSED: "予以公开",
    Outcome.PARTIAL: "部分公开",
    Outcome.WITHHELD: "不予公开",
    Outcome.UNAVAILABLE: "无法提供",
    Outcome.NOT_PROCESSED: "不予处理",
    Outcome.OTHER: "其他处理",
}

OUTCOME_ROW_LABELS: dict[Outcome, str] = {
    Outcome.DISCLOSED: "（一）予以公开",
    Outcome.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Outcome.WITHHELD: "（三）不予公开",
    Outcome.UNAVAILABLE: "（四）无法提供",
    Outcome.NOT_PROCESSED: "（五）不予处理",
    Outcome.OTHER: "（六）其他处理",
}

OUTCOME_DETAILS: dict[Outcome, tuple[str, ...]] = {
    Outcome.DISCLOSED: (),
    Outcome.PARTIAL: (),
    Outcome.WITHHELD: (
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ),
    Outcome.UNAVAILABLE: (
        "本机关不掌握相关政府信息",
        "没有现成信息需要另行制作",
        "补正后申请内容仍不明确",
    ),
    Outcome.NOT_PROCESSED: (
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ),
    Outcome.OTHER: (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他",
    ),
}


def normalize_label(text: str) -> str:
    """Compare labels ignoring a leading number ("1.") and the style of quotation marks."""
    import re

    cleaned = re.sub(r"^\s*[0-9０-９]+\s*[.．、]\s*", "", text.strip())
    for q in "\"'“”‘’「」『』":
        cleaned = cleaned.replace(q, "")
    return cleaned.strip()


def match_detail(outcome: Outcome, text: str) -> int | None:
    """Index (0-based) of the sub-row whose label matches `text`, or None."""
    wanted = normalize_label(text)
    for index, label in enumerate(outcome.details):
        if normalize_label(label) == wanted:
            return index
    return None


class ReplyType(StrEnum):
    """答复类型: what the reply tells the applicant (条例第三十六条, county text 六)."""

    ALREADY_PUBLIC = "already_public"
    DISCLOSABLE = "disclosable"
    PARTIAL = "partial"
    WITHHELD = "withheld"
    NOT_EXIST = "not_exist"
    NOT_OURS = "not_ours"
    NEEDS_PRODUCTION = "needs_production"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction"
    REPEATED = "repeated"
    PETITION = "petition"
    PUBLICATION = "publication"
    EXCESSIVE = "excessive"
    CONFIRMATION = "confirmation"
    SPECIAL_LAW = "special_law"
    NO_CORRECTION = "no_correction"
    FEE_UNPAID = "fee_unpaid"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REPLY_TYPES[self].label

    @property
    def outcome(self) -> Outcome:
        return REPLY_TYPES[self].outcome

    @property
    def fixed_detail(self) -> int | None:
        """The sub-row this reply type always counts under; None when the clerk must choose
        (不予公开 reasons 1–7) or the outcome has no sub-rows."""
        return REPLY_TYPES[self].detail


@dataclass(frozen=True)
class ReplyTypeInfo:
    label: str
    outcome: Outcome
    detail: int | None  # 0-based index into outcome.details


REPLY_TYPES: dict[ReplyType, ReplyTypeInfo] = {
    ReplyType.ALREADY_PUBLIC: ReplyTypeInfo("已主动公开，告知获取方式和途径", Outcome.DISCLOSED, None),
    ReplyType.DISCLOSABLE: ReplyTypeInfo("可以公开，提供信息或告知获取方式", Outcome.DISCLOSED, None),
    ReplyType.PARTIAL: ReplyTypeInfo("部分公开（区分处理）", Outcome.PARTIAL, None),
    ReplyType.WITHHELD: ReplyTypeInfo("不予公开，说明理由", Outcome.WITHHELD, None),
    ReplyType.NOT_EXIST: ReplyTypeInfo("经检索，该政府信息不存在", Outcome.UNAVAILABLE, 0),
    ReplyType.NOT_OURS: ReplyTypeInfo("不属于本机关负责公开，告知负责机关", Outcome.UNAVAILABLE, 0),
    ReplyType.NEEDS_PRODUCTION: ReplyTypeInfo("没有现成信息，需要另行制作", Outcome.UNAVAILABLE, 1),
    ReplyType.UNCLEAR_AFTER_CORRECTION: ReplyTypeInfo("补正后申请内容仍不明确", Outcome.UNAVAILABLE, 2),
    ReplyType.REPEATED: ReplyTypeInfo("重复申请，不予重复处理", Outcome.NOT_PROCESSED, 1),
    ReplyType.PETITION: ReplyTypeInfo("属于信访举报投诉类申请", Outcome.NOT_PROCESSED, 0),
    ReplyType.PUBLICATION: ReplyTypeInfo("要求提供公开出版物", Outcome.NOT_PROCESSED, 2),
    ReplyType.EXCESSIVE: ReplyTypeInfo("无正当理由大量反复申请", Outcome.NOT_PROCESSED, 3),
    ReplyType.CONFIRMATION: ReplyTypeInfo("要求确认或重新出具已获取信息", Outcome.NOT_PROCESSED, 4),
    ReplyType.SPECIAL_LAW: ReplyTypeInfo("工商、不动产登记资料等，依照特别规定办理", Outcome.WITHHELD, 7),
    ReplyType.NO_CORRECTION: ReplyTypeInfo("逾期不补正，不再处理", Outcome.OTHER, 0),
    ReplyType.FEE_UNPAID: ReplyTypeInfo("逾期未缴纳费用，不再处理", Outcome.OTHER, 1),
    ReplyType.OTHER: ReplyTypeInfo("其他处理", Outcome.OTHER, 2),
}
