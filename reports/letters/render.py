"""Make a request-case letter from the office's template (or the built-in default)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from app.errors import UserError
from reports.atomic import atomic_write
from reports.letters.defaults import build_default, saver
from reports.letters.kinds import COMMON_PLACEHOLDERS, PLACEHOLDER_HELP, get_spec, list_placeholders
from reports.letters.layout import (
    LETTERHEAD_FILE,
    LetterLayout,
    apply_layout,
    place_attachment_note,
    set_properties,
)
from reports.letters.placeholders import TemplateScan, fill, scan

__all__ = ["check_template", "load_template", "render_letter", "template_path"]

# Characters XML 1.0 cannot hold (lxml refuses them); tabs and newlines are allowed.
_XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MENTIONS_ATTACHMENT = re.compile(r"见附件|所附|附后")
_UNREADABLE = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError)


def template_path(kind: str, template_folder: Path | None) -> Path | None:
    """The office's template file for `kind`, or None when the built-in default applies."""
    if template_folder is None:
        return None
    path = template_folder / get_spec(kind).file_name
    return path if path.is_file() else None


def load_template(kind: str, template_folder: Path | None) -> tuple[DocxDocument, str]:
    """(document, label for messages): the office's file if present, else the default."""
    path = template_path(kind, template_folder)
    if path is None:
        return build_default(kind), f"内置模板“{get_spec(kind).name}”"
    return _open(path), f"模板“{path.name}”"


def render_letter(kind: str, context: Mapping[str, str], out_path: Path,
                  template_folder: Path | None, layout: LetterLayout | None = None) -> Path:
    """Fill the template for `kind` with `context` and save it to `out_path` atomically.

    `context` must hold a string for every name in `list_placeholders(kind)` (a missing one
    is a programming error: ValueError); extra names are ignored. A value with "\\n"
    becomes several paragraphs. A template that uses an unknown placeholder, or has a
    broken one such as "{{申请人}", raises `UserError` and nothing is written.

    `layout` chooses the plain layout (None) or 信函格式, with the office's `版头.docx` from
    `template_folder` when there is one. The document's author is the office, created now.
    """
    names = list_placeholders(kind)
    missing = [name for name in names if name not in context]
    if missing:
        raise ValueError(f"context for letter {kind!r} lacks {', '.join(missing)}")
    wrong = [name for name in names if not isinstance(context[name], str)]
    if wrong:
        raise ValueError(f"context values must be str; not for {', '.join(wrong)}")
    doc, label = load_template(kind, template_folder)
    layout = layout or LetterLayout()
    letterhead = None
    if layout.letterhead:
        letterhead, head_label = _letterhead(template_folder, layout)
        found_head = scan(letterhead) if letterhead is not None else TemplateScan()
        unknown_head = _unique(n for n in found_head.names if n not in COMMON_PLACEHOLDERS)
        if unknown_head or found_head.stray:
            bad = "、".join(f"{{{{{n}}}}}" for n in unknown_head) or f"“{found_head.stray[0]}”"
            raise UserError(f"{head_label}中有不能使用的占位符 {bad}，版头只能使用所有文书都有的占位符，"
                            "如 {{机关名称}}。请改正版头文件。")
    apply_layout(doc, layout, context, letterhead)
    found = scan(doc)
    unknown = _unique(n for n in found.names if n not in names)
    if unknown:
        listed = "、".join(f"{{{{{n}}}}}" for n in unknown)
        raise UserError(f"{label}含有未知的占位符 {listed}，请改正模板。")
    if found.stray:
        raise UserError(f"{label}中有不完整的占位符（“{found.stray[0]}”），请检查两侧是否都是两个花括号“{{{{ }}}}”。")
    fill(doc, {name: _clean(context[name]) for name in names})
    if not place_attachment_note(doc, context) and _MENTIONS_ATTACHMENT.search(_body_text(doc)):
        raise UserError(f"{label}的正文提到附件（如“见附件”“所附”），但没有附件说明。请在正文之后另起一行写明"
                        "“附件：附件名称”（多个附件写“附件：1.……”，其余各行以“2.”“3.”开头），再生成文书。")
    set_properties(doc, context["机关名称"], get_spec(kind).name)
    return atomic_write(out_path, saver(doc))


def _letterhead(template_folder: Path | None, layout: LetterLayout) -> tuple[DocxDocument | None, str]:
    """The office's 版头 (layout.letterhead_file, else 版头.docx in the template folder) or None
    for the built-in one."""
    path = layout.letterhead_file
    if path is None and template_folder is not None and (template_folder / LETTERHEAD_FILE).is_file():
        path = template_folder / LETTERHEAD_FILE
    if path is None:
        return None, "内置版头"
    return _open(path), f"版头文件“{path.name}”"


def check_template(path: Path, kind: str) -> list[str]:
    """Problems an office should fix in the template file at `path` (empty list: usable)."""
    spec = get_spec(kind)
    try:
        doc = _open(path)
    except UserError as exc:
        return [str(exc)]
    names = list_placeholders(kind)
    found = scan(doc)
    problems = [f"含有未知的占位符 {{{{{n}}}}}：{spec.name}不能使用它。"
                for n in _unique(n for n in found.names if n not in names)]
    problems += [f"有不完整的占位符：“{snippet}”。" for snippet in found.stray]
    problems += [f"没有使用占位符 {{{{{n}}}}}（{PLACEHOLDER_HELP[n]}），生成的{spec.name}将缺少这项内容。"
                 for n in spec.essential if n not in found.names]
    return problems


def _open(path: Path) -> DocxDocument:
    try:
        return docx.Document(str(path))
    except _UNREADABLE as exc:
        raise UserError(
            f"模板“{path.name}”无法打开：它不是有效的 Word 文档（.docx）。请在 Word/WPS 中将其“另存为” .docx 格式；"
            "或者删除该文件，程序会恢复默认模板。"
        ) from exc
    except OSError as exc:
        raise UserError(f"无法读取模板“{path.name}”：{exc.strerror or exc}。") from exc


def _body_text(doc: DocxDocument) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _clean(value: str) -> str:
    return _XML_ILLEGAL_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))  # first-seen order, no repeats
