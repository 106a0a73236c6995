"""Feature-neutral helpers for files users attach: safe names, MIME types, the size limit.

Attachments live in the database, but their names come back out as real file names — in a
case-file zip unpacked on a Windows PC, or in a temp file opened with Word — so a name must be
harmless on every file system the office uses.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachment_check import checked
from app.attachment_model import AttachmentColumns
from app.context import Actor
from app.db.lookup import row_or_not_found
from app.errors import ValidationError
from app.settings import get_setting

# Windows refuses these as file names whatever the extension ("CON.txt" opens the console).
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)
# Characters Windows forbids in names; "/" and "\\" are already handled as path separators.
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")
MAX_NAME_CHARS = 120  # leaves room for the "序号_类别_" prefix under Windows' 255-character limit

# mimetypes knows little about Office and Chinese formats on a bare Windows install.
_EXTRA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".wps": "application/vnd.ms-works",
    ".ofd": "application/ofd",  # 国家版式文件 (GB/T 33190)
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
    ".m4a": "audio/mp4",
    ".amr": "audio/amr",  # phone call recordings
    ".txt": "text/plain",
    ".zip": "application/zip",
}


def sanitise_filename(name: str, fallback: str = "附件") -> str:
    """A file name safe on Windows and Linux that keeps Chinese text.

    Drops any directory part (both separators, so "..\\..\\x.pdf" and "../../x.pdf" give "x.pdf"),
    control characters and characters Windows forbids, trailing dots and spaces (Windows silently
    strips them, so two names could collide), and prefixes reserved device names (CON, NUL, COM1 …)
    with "_". Long names are shortened keeping the extension.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = _FORBIDDEN.sub("_", text)
    text = _SPACES.sub(" ", text).strip()
    # Leading dots would make a hidden file (or "..") and trailing ones vanish on Windows.
    text = text.strip(". ")
    if not text:
        return fallback
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 16:  # no real extension ("README", ".bashrc", "a.<long text>")
        stem, ext = text, ""
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    room = MAX_NAME_CHARS - (len(ext) + 1 if ext else 0)
    if len(stem) > room:
        stem = stem[:room].rstrip(". ") or "_"
    result = f"{stem}.{ext}" if ext else stem
    return result.strip(". ") or fallback


def guess_mime_type(filename: str) -> str:
    """The MIME type from the extension; "application/octet-stream" when unknown."""
    ext = "." + filename.rpartition(".")[2].lower() if "." in filename else ""
    if ext in _EXTRA_TYPES:
        return _EXTRA_TYPES[ext]
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def format_size(size: int) -> str:
    """A size for people: 532 字节, 12.4 KB, 3.1 MB."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(session: Session, size: int, filename: str = "") -> None:
    """Refuse an attachment over the office's limit (setting attachments.max_mb) or an empty one."""
    label = f"“{filename}”" if filename else "附件"
    if size <= 0:
        raise ValidationError(f"{label}是空文件，请检查后重新选择。", field="content")
    limit_mb = int(get_setting(session, "attachments.max_mb"))
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            f"{label}大小为 {format_size(size)}，超过单个附件上限 {limit_mb} MB。"
            "请压缩或拆分后再添加，或请管理员在“系统设置”中调整上限。",
            field="content",
        )


A = TypeVar("A", bound=AttachmentColumns)


def new_attachment(session: Session, cls: type[A], actor: Actor, filename: str, content: bytes,
                   **owner: object) -> A:
    """Store a file the user attached, under a safe name, refused when empty or over the limit.

    `owner` names the record it belongs to (post_id=…, item_id=…, purpose=…). The caller checks the
    actor may change that record and records the audit entry in its own words."""
    safe = sanitise_filename(filename)
    check_size(session, len(content), safe)
    attachment = cls(filename=safe, mime_type=guess_mime_type(safe), size=len(content),  # type: ignore[call-arg]
                     sha256=hashlib.sha256(content).hexdigest(), content=content, added_by=actor.username, **owner)
    session.add(attachment)
    session.flush()
    return attachment


def attachment_file(session: Session, cls: type[AttachmentColumns], attachment_id: int,
                    record_type: str) -> tuple[str, bytes]:
    """(file name, bytes) of one attachment, for 打开 and 另存为; AttachmentDamaged when the bytes no
    longer match the hash taken when it was added (checked each time they leave the database)."""
    row = row_or_not_found(session, select(cls.filename, cls.sha256, cls.content).where(cls.id == attachment_id),
                           "该附件不存在，可能已被删除。")
    return row.filename, checked(record_type, attachment_id, row.filename, row.content, row.sha256)
