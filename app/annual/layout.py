"""The tables of the national template, row by row and column by column, word for word.

Row keys are stable identifiers the computation, the drill-down and the exports share.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.cases.enums import ApplicantType, LitigationKind, RemedyResult
from app.cases.outcomes import Outcome

PART3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
PART3_COLUMNS: tuple[ApplicantType, ...] = (
    ApplicantType.NATURAL,
    ApplicantType.BUSINESS,
    ApplicantType.RESEARCH,
    ApplicantType.PUBLIC_WELFARE,
    ApplicantType.LEGAL_SERVICE,
    ApplicantType.OTHER,
)
PART3_COLUMN_LABELS: tuple[str, ...] = (*(c.label for c in PART3_COLUMNS), "总计")
PART3_GROUP_HEADERS = ("申请人情况", "自然人", "法人或其他组织", "总计")

OUTCOME_PREFIX = {
    Outcome.DISCLOSED: "（一）",
    Outcome.PARTIAL: "（二）",
    Outcome.WITHHELD: "（三）",
    Outcome.UNAVAILABLE: "（四）",
    Outcome.NOT_PROCESSED: "（五）",
    Outcome.OTHER: "（六）",
}


@dataclass(frozen=True)
class Part3Row:
    key: str  # "new", "carried_in", "results", "outcome:<outcome>[:<detail>]", "total", "carried_out"
    label: str
    has_numbers: bool = True
    group: str = ""  # the enclosing heading for sub-rows, e.g. （三）不予公开


def part3_rows() -> list[Part3Row]:
    rows = [
        Part3Row("new", "一、本年新收政府信息公开申请数量"),
        Part3Row("carried_in", "二、上年结转政府信息公开申请数量"),
        Part3Row("results", "三、本年度办理结果", has_numbers=False),
    ]
    for outcome in Outcome:
        if not outcome.details:
            rows.append(Part3Row(f"outcome:{outcome.value}", outcome.row_label, group="三、本年度办理结果"))
            continue
        rows.append(Part3Row(f"outcome:{outcome.value}", outcome.row_label, has_numbers=False,
                             group="三、本年度办理结果"))
        for index, detail in enumerate(outcome.details):
            rows.append(Part3Row(f"outcome:{outcome.value}:{index}", f"{index + 1}.{detail}",
                                 group=outcome.row_label))
    rows.append(Part3Row("total", "（七）总计", group="三、本年度办理结果"))
    rows.append(Part3Row("carried_out", "四、结转下年度继续办理"))
    return rows


# Part 2: (section heading, item label, column headers)
PART2_SECTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("第二十条第（一）项", ("规章", "行政规范性文件"), ("本年制发件数", "本年废止件数", "现行有效件数")),
    ("第二十条第（五）项", ("行政许可",), ("本年处理决定数量",)),
    ("第二十条第（六）项", ("行政处罚", "行政强制"), ("本年处理决定数量",)),
    ("第二十条第（八）项", ("行政事业性收费",), ("本年收费金额（单位：万元）",)),
)

# Stored as RemedyResult / LitigationKind codes; these are the template's column words, same order.
REMEDY_RESULTS: tuple[str, ...] = tuple(r.label for r in RemedyResult)
LITIGATION_KINDS: tuple[str, ...] = tuple(k.label for k in LitigationKind)
PART4_GROUPS: tuple[str, ...] = ("行政复议", *LITIGATION_KINDS)
PART4_LABELS: tuple[str, ...] = tuple(
    f"{group}：{label}" for group in PART4_GROUPS for label in (*REMEDY_RESULTS, "总计")
)

PART_TITLES: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
