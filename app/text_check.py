"""One check for text a clerk types that reaches a printed document (letters, registers, reports).

Printed in 仿宋/宋体, an emoji or a pictographic symbol comes out as an empty box, and a control
character (pasted from a web page or a PDF) breaks the document or the Excel cell. Every form's
service calls `check_text` per field, so the limit and the refusal read the same everywhere.
Rare characters of the CJK extensions (生僻字 in names, U+20000…) are allowed: they are real text.
"""

from __future__ import annotations

import unicodedata

from app.errors import ValidationError

__all__ = ["bad_character", "check_text"]

# Ranges that print as boxes in Chinese official fonts: emoji and pictographs, dingbats and
# miscellaneous symbols, variation selectors and joiners that build emoji, private-use glyphs.
_REFUSED_RANGES: tuple[tuple[int, int], ...] = (
    (0x1F000, 0x1FAFF),  # mahjong … symbols and pictographs extended-A (emoji)
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats
    (0x2B00, 0x2BFF),  # arrows and stars used as emoji (⭐ ⬆)
    (0xFE00, 0xFE0F),  # variation selectors (emoji presentation)
    (0x200B, 0x200F),  # zero-width spaces and joiners, direction marks
    (0xE000, 0xF8FF),  # private use
    (0xF0000, 0x10FFFF),  # supplementary private use
)


def bad_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character a printed document cannot show, or None."""
    allowed_controls = "\n\t" if multiline else ""
    for ch in text:
        if ch in allowed_controls:
            continue
        code = ord(ch)
        if unicodedata.category(ch) in ("Cc", "Cs") or any(lo <= code <= hi for lo, hi in _REFUSED_RANGES):
            return ch
    return None


def check_text(value: str, label: str, field: str, *, limit: int | None = None, multiline: bool = False) -> None:
    """Refuse `value` for field `field` (shown as `label`) when it is too long or holds a
    character that would print as a box; the message says what to fix."""
    if limit is not None and len(value) > limit:
        raise ValidationError(f"{label}最多 {limit} 个字，现在有 {len(value)} 个字，请精简。", field=field)
    ch = bad_character(value, multiline=multiline)
    if ch is not None:
        invisible = unicodedata.category(ch) in ("Cc", "Cs", "Cf", "Co")
        shown = f"U+{ord(ch):04X}" if invisible else f"“{ch}”（U+{ord(ch):04X}）"
        raise ValidationError(
            f"{label}中有打印时无法显示的字符 {shown}（表情符号、特殊符号或控制字符），请删除后再保存。", field=field)
