"""Read the plain text of a draft: .txt in any encoding an office PC produces, or .docx."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.errors import UserError


def decode_text(data: bytes, name: str = "") -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Windows 记事本)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise UserError(f"文件“{name}”不是文本文件，请选择 .txt 或 .docx 文件。")
    else:
        # utf-8-sig also reads plain UTF-8; GB18030 is the superset of GBK that old Windows PCs write.
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UserError(f"无法识别文件“{name}”的文字编码，请另存为 UTF-8 编码的文本文件后重试。")


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a .txt or .docx file; raises UserError with a Chinese message when it cannot."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise UserError(f"不支持旧版 Word 格式（.doc）：“{p.name}”，请在 Word/WPS 中另存为 .docx 后再检查。")
    try:
        if suffix in (".docx", ".docm"):
            return _read_docx(p)
        return decode_text(p.read_bytes(), p.name)
    except FileNotFoundError:
        raise UserError(f"找不到文件“{p}”，请确认路径是否正确。") from None
    except IsADirectoryError:
        raise UserError(f"“{p}”是文件夹，请选择一个文件。") from None
    except PermissionError:
        raise UserError(f"没有权限读取文件“{p.name}”，请确认文件未被其他程序独占打开。") from None
    except OSError as err:
        raise UserError(f"读取文件“{p.name}”失败：{err.strerror or err}") from None


def _refuse_dtd(path: Path) -> None:
    """Word never writes a DTD. A part with <!DOCTYPE>/<!ENTITY> is crafted: the XML reader would
    drop or expand its entities, so the check would judge only part of the text — refuse it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            for info in package.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    # A literal "<!" cannot occur in XML text or attributes (it would be &lt;!).
                    data = package.read(info).upper()
                    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                        raise UserError(
                            f"Word 文档“{path.name}”中含有文档类型定义（DTD/实体），这不是 Word 或 WPS 正常保存的文件，"
                            "检查无法覆盖全部文字，已拒绝。请在 Word/WPS 中另存为新的 .docx 后再检查。"
                        )
    except zipfile.BadZipFile:
        return  # reported as damaged by the reader below


def _read_docx(path: Path) -> str:
    if not path.exists():
        raise FileNotFoundError(path)
    _refuse_dtd(path)
    try:
        return _docx_lines(path)
    except OSError:
        raise
    except Exception as err:  # a damaged package fails in zipfile, lxml or python-docx alike
        raise UserError(f"无法打开 Word 文档“{path.name}”：文件已损坏或不是 .docx 格式。") from err


def _docx_lines(path: Path) -> str:
    # Imported here: python-docx pulls in lxml, which start-up does not need.
    import docx

    document = docx.Document(str(path))
    lines = list(_block_lines(document))
    # Headers and footers last: a secrecy marking is sometimes put there instead of the body.
    seen: list[Any] = []  # header parts compared by identity; several sections may share one
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if any(element is other for other in seen):
                continue
            seen.append(element)
            lines.extend(_block_lines(part))
    return "\n".join(lines)


def _block_lines(container: Any) -> Iterator[str]:
    """Paragraph texts in document order, descending into tables (a merged cell is read once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            # A merged cell is returned once per grid column it spans, always with the same <w:tc>.
            seen_cells: list[Any] = []
            for row in block.rows:
                for cell in row.cells:
                    if any(cell._tc is other for other in seen_cells):
                        continue
                    seen_cells.append(cell._tc)
                    yield from _block_lines(cell)
        else:
            yield block.text
