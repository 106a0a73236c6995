"""Attachment names stay harmless on Windows and Linux; the size limit is the office's setting."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.attachments import check_size, format_size, guess_mime_type, sanitise_filename
from app.context import Actor
from app.errors import ValidationError
from app.settings import set_setting


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("C:\\Users\\王芳\\Desktop\\申请书（原件）.pdf", "申请书（原件）.pdf"),
        ("CON.txt", "_CON.txt"),
        ("con", "_con"),
        ("Lpt9.tar.gz", "_Lpt9.tar.gz"),
        ("COM10.txt", "COM10.txt"),  # only COM1–COM9 are reserved
        ("信封扫描件. . ", "信封扫描件"),
        ("a\x00b\x1fc\u200b.doc", "abc.doc"),
        ('录音<1>:"确认"?.mp3', "录音_1___确认__.mp3"),
        ("..", "附件"),
        ("", "附件"),
        (".hidden", "hidden"),
    ],
)
def test_sanitise_filename(raw: str, expected: str) -> None:
    assert sanitise_filename(raw) == expected


def test_long_name_keeps_extension() -> None:
    name = sanitise_filename("很长的文件名" * 40 + ".pdf")
    assert name.endswith(".pdf") and len(name) <= 120


def test_mime_types() -> None:
    assert guess_mime_type("答复书.docx").endswith("wordprocessingml.document")
    assert guess_mime_type("EMS单据.PDF") == "application/pdf"
    assert guess_mime_type("确认电话.amr") == "audio/amr"
    assert guess_mime_type("无扩展名") == "application/octet-stream"


def test_size_limit_follows_setting(session: Session) -> None:
    check_size(session, 50 * 1024 * 1024)  # the default limit is 50 MB, inclusive
    with pytest.raises(ValidationError, match="超过单个附件上限 50 MB"):
        check_size(session, 50 * 1024 * 1024 + 1, "扫描件.pdf")
    set_setting(session, Actor.system(), "attachments.max_mb", 1)
    with pytest.raises(ValidationError, match=r"“录音\.mp3”大小为 2\.0 MB"):
        check_size(session, 2 * 1024 * 1024, "录音.mp3")
    with pytest.raises(ValidationError, match="空文件"):
        check_size(session, 0)
    assert format_size(512) == "512 字节" and format_size(2048) == "2.0 KB"
