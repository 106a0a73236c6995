"""Write the 政府信息公开指南 (with the 申请表 as its annex) and the 申请表 on its own.

Takes plain data defined beside it (`reports.guide.data`); imports nothing from app/. The office's
templates in `template_folder` win over the built-in ones (written there first if missing); a
template with an unknown or broken placeholder raises `TemplateProblem` and nothing is written.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from app.atomic_file import atomic_write
from reports import docx_layout as L
from reports.guide.data import Contact, GuideInput
from reports.guide.spec import FORM, GUIDE, DocSpec, TemplateProblem
from reports.guide.templates import build_default, ensure_guide_templates
from reports.letters.placeholders import fill, scan

__all__ = ["Contact", "GuideInput", "guide_values", "write_guide", "write_request_form"]

_XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNREADABLE = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError)


def _contact_values(c: Contact) -> dict[str, str]:
    return {"机关名称": c.org_name, "工作机构": c.office, "机关地址": c.address, "邮政编码": c.postcode,
            "联系电话": c.phone, "传真号码": c.fax, "电子邮箱": c.email}


def guide_values(data: GuideInput) -> dict[str, str]:
    """Every placeholder of the guide with its value."""
    return _contact_values(data.contact) | {
        "办公时间": data.office_hours,
        "门户网站": data.portal_url,
        "主动公开渠道": "\n".join(data.proactive_channels),
        "申请渠道": "\n".join(data.request_channels),
        "行政复议机关": data.reconsideration_body,
        "行政诉讼法院": data.court,
        "投诉受理机关": data.complaint_body,
        "编制日期": L.format_date(data.compiled_on),
    }


def write_guide(data: GuideInput, out_path: Path, template_folder: Path | None) -> Path:
    """The guide, followed on a new page by the request form as its annex, saved atomically."""
    guide = _filled(GUIDE, guide_values(data), template_folder)
    form = _filled(FORM, _contact_values(data.contact), template_folder)
    _append_annex(guide, form)
    return atomic_write(out_path, lambda tmp: guide.save(str(tmp)))


def write_request_form(contact: Contact, out_path: Path, template_folder: Path | None) -> Path:
    form = _filled(FORM, _contact_values(contact), template_folder)
    return atomic_write(out_path, lambda tmp: form.save(str(tmp)))


def _filled(spec: DocSpec, values: Mapping[str, str], template_folder: Path | None) -> DocxDocument:
    missing = [n for n in spec.placeholders if n not in values]
    if missing:
        raise ValueError(f"values for {spec.name} lack {', '.join(missing)}")
    doc, label = _load(spec, template_folder)
    found = scan(doc)
    unknown = list(dict.fromkeys(n for n in found.names if n not in spec.placeholders))
    if unknown:
        listed = "、".join(f"{{{{{n}}}}}" for n in unknown)
        allowed = "、".join(spec.placeholders)
        raise TemplateProblem(f"{label}含有未知的占位符 {listed}，请改正模板。可用的占位符有：{allowed}。")
    if found.stray:
        raise TemplateProblem(f"{label}中有不完整的占位符（“{found.stray[0]}”），"
                              "请检查两侧是否都是两个花括号“{{ }}”。")
    fill(doc, {n: _XML_ILLEGAL_RE.sub("", values[n]) for n in spec.placeholders})
    return doc


def _load(spec: DocSpec, template_folder: Path | None) -> tuple[DocxDocument, str]:
    if template_folder is None:
        return build_default(spec), f"内置模板“{spec.name}”"
    ensure_guide_templates(template_folder)
    path = template_folder / spec.file_name
    try:
        return docx.Document(str(path)), f"模板“{path.name}”"
    except _UNREADABLE as exc:
        raise TemplateProblem(
            f"模板“{path.name}”无法打开：它不是有效的 Word 文档（.docx）。请在 Word/WPS 中将其“另存为” .docx 格式；"
            "或者删除该文件，程序会恢复默认模板。") from exc
    except OSError as exc:
        raise TemplateProblem(f"无法读取模板“{path.name}”：{exc.strerror or exc}。") from exc


def _append_annex(guide: DocxDocument, form: DocxDocument) -> None:
    """The form's body after the guide's last paragraph, on a new page headed “附件”
    (GB/T 9704 8.2: the annex label in 黑体 at the top left of its first page)."""
    label = L.add_text(guide, "附件", font=L.FONT_HEI, align="left")
    label.paragraph_format.page_break_before = True
    body = guide.element.body
    sect = body.find(qn("w:sectPr"))
    for element in form.element.body.iterchildren():
        if element.tag == qn("w:sectPr"):
            continue
        copied = copy.deepcopy(element)
        if sect is not None:
            sect.addprevious(copied)
        else:
            body.append(copied)
