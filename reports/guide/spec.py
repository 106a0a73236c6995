"""The two guide documents and their placeholders: the contract between the use case and the templates.

An office may use any of these names in its template (in `{{名称}}` form) and nothing else;
the writer fills every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FORM", "GUIDE", "PLACEHOLDER_HELP", "DocSpec", "TemplateProblem"]


class TemplateProblem(Exception):
    """A template the office edited cannot be used; the message says what to fix (in Chinese)."""


@dataclass(frozen=True)
class DocSpec:
    name: str  # what the office calls it
    file_name: str  # the template file in the office's template folder
    placeholders: tuple[str, ...]
    essential: tuple[str, ...]  # a template without these is almost certainly broken


_CONTACT = ("机关名称", "工作机构", "机关地址", "邮政编码", "联系电话", "传真号码", "电子邮箱")

GUIDE = DocSpec(
    "政府信息公开指南", "政府信息公开指南.docx",
    (*_CONTACT, "办公时间", "门户网站", "主动公开渠道", "申请渠道", "行政复议机关", "行政诉讼法院",
     "投诉受理机关", "编制日期"),
    ("工作机构", "机关地址", "办公时间", "联系电话", "传真号码", "电子邮箱", "申请渠道"),
)
FORM = DocSpec("政府信息公开申请表", "政府信息公开申请表.docx", _CONTACT, ("机关名称",))

PLACEHOLDER_HELP: dict[str, str] = {
    "机关名称": "本机关全称（系统参数“机关名称”）",
    "工作机构": "政府信息公开工作机构的名称",
    "机关地址": "办公地址，也是信函申请的通信地址",
    "邮政编码": "通信地址的邮政编码",
    "联系电话": "政府信息公开工作机构的联系电话",
    "传真号码": "政府信息公开工作机构的传真号码",
    "电子邮箱": "政府信息公开工作机构的电子邮箱",
    "办公时间": "受理申请的办公时间",
    "门户网站": "政府门户网站网址",
    "主动公开渠道": "主动公开的发布渠道，每项一段",
    "申请渠道": "已开通的申请渠道及各渠道收到申请日期的确定方式，每个渠道一段",
    "行政复议机关": "系统参数“行政复议机关”",
    "行政诉讼法院": "系统参数“行政诉讼管辖法院”",
    "投诉受理机关": "系统参数“投诉举报受理机关”",
    "编制日期": "本版指南的编制日期，如“2024年3月5日”",
}
