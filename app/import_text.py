"""Characters an imported spreadsheet cell must not carry into the database (issue 13).

Direction controls (U+202E turns "gpj.exe" into "exe.jpg" on screen, and a name or number shown
reversed is not the one stored), zero-width characters (two names that look the same but do not
match) and control characters (they break Word and Excel files). They are removed and the import
reports each cell it changed, by row and column, so the clerk can look at the original.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x0d\x0e-\x1f\x7f-\x9f"  # control characters (not tab, not line feed)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction marks, embeddings, overrides, isolates
    "\u200b-\u200d\u2060\ufeff]"  # zero-width space / joiners, word joiner, byte-order mark
)
_DIRECTION = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_invisible(text: str) -> tuple[str, str]:
    """(text without them, a Chinese note of what was removed, "" when nothing was)."""
    found = _INVISIBLE.findall(text)
    if not found:
        return text, ""
    kinds = "文字方向控制符" if any(_DIRECTION.match(ch) for ch in found) else "不可见字符"
    codes = "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in found))
    note = (f"已删除 {len(found)} 个{kinds}（{codes}）：它们会让文字显示的样子与保存的内容不一致或使文件出错。"
            "请对照原表核对本单元格。")
    return _INVISIBLE.sub("", text), note
