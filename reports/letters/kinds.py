"""The letter kinds and their placeholders: the contract between callers and templates.

Callers build a context with exactly these names (all of them, for the kind in hand);
offices may use any of them in their templates, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COMMON_PLACEHOLDERS", "KINDS", "LETTERS", "PLACEHOLDER_HELP", "LetterSpec", "get_spec",
    "list_placeholders",
]

COMMON_PLACEHOLDERS: tuple[str, ...] = (
    "机关名称", "机关地址", "联系电话", "邮政编码", "落款日期",
    "文号", "受理编号", "申请人", "收到申请日期", "申请内容",
)


@dataclass(frozen=True)
class LetterSpec:
    kind: str  # identifier used in code: "reply", "third-party", …
    name: str  # what the office calls it: 答复书
    file_name: str  # template file in the office's template folder
    extra: tuple[str, ...]  # placeholders beyond the common ones
    essential: tuple[str, ...]  # a template without these is almost certainly broken

    @property
    def placeholders(self) -> tuple[str, ...]:
        return COMMON_PLACEHOLDERS + self.extra


LETTERS: dict[str, LetterSpec] = {
    spec.kind: spec
    for spec in (
        LetterSpec("receipt", "受理回执", "受理回执.docx",
                   ("申请方式", "提交日期", "收到日期依据", "答复期限"), ("答复期限",)),
        LetterSpec("correction", "补正告知书", "补正告知书.docx",
                   ("补正事项", "补正期限"), ("补正事项", "补正期限")),
        LetterSpec("extension", "延期答复告知书", "延期答复告知书.docx",
                   ("原答复期限", "延期后答复期限", "延期理由"), ("延期后答复期限",)),
        LetterSpec("third-party", "第三方意见征询书", "第三方意见征询书.docx",
                   ("第三方名称", "征询事项", "征询答复期限"), ("征询事项", "征询答复期限")),
        LetterSpec("consultation", "部门协商函", "部门协商函.docx",
                   ("协商部门", "征询事项", "征询答复期限"), ("征询事项", "征询答复期限")),
        LetterSpec("reply", "答复书", "答复书.docx",
                   ("答复正文", "救济途径"), ("答复正文", "救济途径")),
        LetterSpec("consult-notice", "征求意见告知书", "征求意见告知书.docx",
                   ("征询对象", "征询日期", "征询期限"), ("征询对象",)),
        LetterSpec("disclosure-notice", "第三方告知书", "第三方告知书.docx",
                   ("第三方名称", "征询日期", "第三方意见日期", "第三方理由", "公开理由", "征询事项"),
                   ("第三方名称", "公开理由")),
        LetterSpec("fee", "收费通知书", "收费通知书.docx",
                   ("计费方式", "计费依据", "收费金额", "收费金额大写", "缴费期限", "缴费方式", "收费期间说明"),
                   ("收费金额", "缴费期限")),
        LetterSpec("excessive-ask", "说明理由通知书", "说明理由通知书.docx",
                   ("申请数量情况", "说明理由期限"), ("说明理由期限",)),
        LetterSpec("excessive-later", "延迟答复告知书", "延迟答复告知书.docx",
                   ("说明理由通知日期", "理由说明日期", "原答复期限", "延迟答复期限", "延迟理由"),
                   ("延迟答复期限",)),
    )
}
KINDS: tuple[str, ...] = tuple(LETTERS)

# What each placeholder holds; shown to offices (docs/templates.md, template checks).
PLACEHOLDER_HELP: dict[str, str] = {
    "机关名称": "作出文书的行政机关全称，如“锦屏县人民政府办公室”",
    "机关地址": "机关的通信地址",
    "联系电话": "政府信息公开工作机构的联系电话",
    "邮政编码": "机关通信地址的邮政编码",
    "落款日期": "文书的落款日期，用阿拉伯数字，如“2024年3月5日”",
    "文号": "文书编号，如“锦府办依复〔2024〕3号”；没有文号时为空",
    "受理编号": "申请的受理编号（登记台账中的编号）",
    "申请人": "申请人姓名或者名称",
    "收到申请日期": "依照条例第三十一条确定的收到申请之日，如“2024年3月5日”",
    "申请内容": "申请获取的政府信息（申请书中的描述）",
    "申请方式": "互联网、信函、当面、传真或者其他",
    "提交日期": "申请人提交申请的日期",
    "收到日期依据": "确定收到申请日期所依据的规定，如“当面提交的，提交之日为收到申请之日”",
    "答复期限": "答复期限的最后一日，如“2024年4月2日”",
    "补正事项": "需要申请人补正的全部事项；可以有多行，每行成为一段",
    "补正期限": "补正的截止日期",
    "原答复期限": "延期前的答复期限（最后一日）",
    "延期后答复期限": "延期后的答复期限（最后一日）",
    "延期理由": "延期的理由，句末不带标点，如“所申请信息涉及多个部门，需要协调核实”",
    "第三方名称": "被征求意见的第三方的姓名或者名称",
    "征询事项": "请对方发表意见的具体事项；可以有多行，每行成为一段",
    "征询答复期限": "对方反馈意见的截止日期",
    "协商部门": "被征求意见的部门名称",
    "答复正文": "答复的具体内容；可以有多段，每行成为一段",
    "救济途径": "告知申请人申请行政复议、提起行政诉讼的权利和期限的段落",
    "征询对象": "正在征求意见的对象：第三方写“第三方”（不写出其名称），共同制作机关写机关名称",
    "征询日期": "发出征求意见书的日期",
    "征询期限": "对方提出意见的期限，如“收到征求意见书之日起15个工作日内”",
    "第三方意见日期": "第三方答复不同意公开的日期",
    "第三方理由": "第三方不同意公开的理由",
    "公开理由": "本机关认为不公开会对公共利益造成重大影响、决定公开的理由",
    "计费方式": "按件计收或者按量计收（国办函〔2020〕109号）",
    "计费依据": "程序计算的算式，如“按量计收：本件250页＝30页×0元＋70页×10元＋100页×20元＋50页×40元＝4700元”",
    "收费金额": "应缴的信息处理费，如“4700元”",
    "收费金额大写": "应缴金额的中文大写，如“肆仟柒佰元整”",
    "缴费期限": "缴费的期限，如“自收到本通知之日起20个工作日内”",
    "缴费方式": "缴纳信息处理费的方式（收款单位、账户或者缴款渠道），在系统参数中填写",
    "收费期间说明": "收费期间是否计入答复期限的说明，按本机关的设置生成",
    "申请数量情况": "申请数量、频次明显超过合理范围的具体情况（条例第三十五条），如“本年度已提出申请120件”",
    "说明理由期限": "申请人说明理由的截止日期",
    "说明理由通知日期": "发出说明理由通知书的日期",
    "理由说明日期": "收到申请人说明理由的日期",
    "延迟答复期限": "依条例第三十五条确定的延迟答复的合理期限（最后一日）",
    "延迟理由": "无法在规定期限内答复的理由，句末不带标点",
}


def get_spec(kind: str) -> LetterSpec:
    try:
        return LETTERS[kind]
    except KeyError:
        raise ValueError(f"unknown letter kind {kind!r}; expected one of {', '.join(KINDS)}") from None


def list_placeholders(kind: str) -> tuple[str, ...]:
    """Every placeholder a template of `kind` may use and a context for it must provide."""
    return get_spec(kind).placeholders
