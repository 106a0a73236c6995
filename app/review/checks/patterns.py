"""Secrecy markings (涉密标志): 涉密信息不上网，上网信息不涉密.

False-positive policy. The words 绝密 / 机密 / 秘密 are ordinary Chinese ("揭开成功的秘密",
"商业秘密", "不得涉及国家秘密" — the county's own rules say the latter), so the bare word is
never reported. Reported as "high" are only the forms that mark a document as classified:
- the statutory marking with ★ and an optional period: 机密★10年, 秘密★1年, 绝密★长期, 绝密★启用前;
- the level as a label: in 【】［］〔〕() brackets anywhere, or alone / quoted at the start of a
  line (the place GB/T 9704 puts it), or after 密级：;
- phrases stamped on internal material: 内部资料, 内部文件, 内部使用, 注意保密, 不得外传 ….
"涉密" is reported as a weaker ("medium") finding: it marks a classified topic, but also appears in
harmless prose about secrecy work ("涉密信息不上网"), so a person has to look.
"""

from __future__ import annotations

import re

from .findings import Finding, Severity, make_finding

_LEVEL = "(?:绝密|机密|秘密)"
_SP = "[ \t\u3000]*"  # spaces inside a marking, never a line break
_PERIOD = "(?:[0-9０-９一二三四五六七八九十百]+" + _SP + "(?:年|个月|月|天|日)|长期|启用前)"

_STAR = re.compile(_LEVEL + _SP + "★" + f"(?:{_SP}{_PERIOD})?")
_BRACKETED = re.compile(
    r"【" + _LEVEL + r"】|\[" + _LEVEL + r"\]|［" + _LEVEL + r"］|〔" + _LEVEL + r"〕|[（(]" + _LEVEL + r"[）)]"
)
# Alone at the start of a line (optionally quoted), followed by the end of the line or punctuation.
_LINE_START = re.compile(
    r"(?m)^[ \t\u3000]*(?P<label>[“\"「『]?" + _LEVEL + r"[”\"」』]?)(?=[ \t\u3000]*(?:$|[：:，,。；;]))"
)
_CLASSIFICATION_FIELD = re.compile("密级" + _SP + "[：:]" + _SP + _LEVEL)
_INTERNAL = re.compile(
    "内部资料|内部文件|内部使用|内部材料|内部传阅|内部刊物|仅供内部|仅限内部|注意保密|不得外传|严禁外传|不得外泄|不得翻印"
)
_WEAK = re.compile("涉密")


# Each marking with the group that is reported (0 = the whole match), the message ({} = the marking)
# and the severity (None: the finding's default, high).
_MARKINGS: tuple[tuple[re.Pattern[str], int | str, str, Severity | None], ...] = (
    (_STAR, 0, "发现密级标志“{}”：涉密信息严禁上网，须撤下稿件并报保密部门审查", None),
    (_BRACKETED, 0, "发现密级标注“{}”：涉密信息严禁上网，须核实", None),
    (_LINE_START, "label", "行首出现密级标注“{}”：涉密信息严禁上网，须核实", None),
    (_CLASSIFICATION_FIELD, 0, "发现密级栏“{}”：涉密信息严禁上网，须核实", None),
    (_INTERNAL, 0, "含“{}”字样：内部资料不得公开发布，请核实能否公开", None),
    (_WEAK, 0, "含“涉密”字样：请确认稿件不涉及国家秘密和工作秘密", "medium"),
)


def find_secret_markings(text: str) -> list[Finding]:
    return [
        make_finding("secret", text, m.start(group), m.end(group), message.format(m.group(group)), severity=severity)
        for pattern, group, message, severity in _MARKINGS
        for m in pattern.finditer(text)
    ]
