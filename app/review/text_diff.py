"""修改对比: what changed between two versions of a post, sentence by sentence (issue 17).

A character-by-character diff of Chinese text interleaves struck and inserted characters until a
reviewer cannot read either version. Reviewers read sentences: so the texts are split into sentences
(at 。！？；!?; and line ends), the sentences are aligned, and a changed sentence is shown whole twice,
old then new, with the words that changed marked inside each. A sentence removed or added is shown
whole, all marked. The marked words come from a token diff (a Latin word or a number is one token, a Chinese
character one token); a single unchanged character between two changes is folded into the change, so
"短板弱项" → "问题短板" does not come out as a scatter of one-character marks.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["equal", "delete", "insert", "delete_word", "insert_word"]
Segment = tuple[Op, str]

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’\"」』）)]*\n?|\n")
_TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.S)
# Beyond this a changed passage is shown as removed and added, unmarked: the token diff is quadratic.
WORD_DIFF_LIMIT = 20_000
# Sentences of a replaced passage are paired with their most similar counterpart up to this many
# comparisons; a larger rewrite is shown as one changed passage.
PAIRING_LIMIT = 400
# How alike two sentences must be (difflib ratio) to be shown as one sentence changed.
SAME_SENTENCE = 0.4


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end, the line break kept with its sentence; joins back to `text`."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def diff_segments(old: str, new: str) -> list[Segment]:
    """Pieces turning `old` into `new`, in reading order.

    "equal": an unchanged sentence. "delete"/"insert": the unchanged part of a changed sentence
    (old then new). "delete_word"/"insert_word": the changed words inside a changed sentence, or a
    sentence removed/added whole (all of it changed). The pieces that are not inserts join to `old`, those that are not
    deletes join to `new`.
    """
    out: list[Segment] = []
    a, b = sentences(old), sentences(new)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        elif op == "replace" and (i2 - i1) * (j2 - j1) <= PAIRING_LIMIT:
            out += _paired(a[i1:i2], b[j1:j2])
        elif op == "replace":
            out += _changed_sentence("".join(a[i1:i2]), "".join(b[j1:j2]))
        elif op == "delete":
            out.append(("delete_word", "".join(a[i1:i2])))
        else:
            out.append(("insert_word", "".join(b[j1:j2])))
    return _merged(out)


def _paired(old: list[str], new: list[str]) -> list[Segment]:
    """Each old sentence, in order, with the most similar new sentence after the last one paired;
    what pairs with nothing was removed or added whole."""
    out: list[Segment] = []
    j = 0
    for sentence in old:
        scores = [(difflib.SequenceMatcher(None, sentence, other, autojunk=False).ratio(), k)
                  for k, other in enumerate(new[j:], start=j)]
        best, k = max(scores, default=(0.0, -1))
        if best < SAME_SENTENCE:
            out.append(("delete_word", sentence))
            continue
        out += [("insert_word", added) for added in new[j:k]]
        out += _changed_sentence(sentence, new[k])
        j = k + 1
    out += [("insert_word", added) for added in new[j:]]
    return out


def _changed_sentence(old: str, new: str) -> list[Segment]:
    if len(old) + len(new) > WORD_DIFF_LIMIT:
        return [("delete", old), ("insert", new)]
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    old_part: list[Segment] = []
    new_part: list[Segment] = []
    for k, (op, i1, i2, j1, j2) in enumerate(codes):
        between_changes = 0 < k < len(codes) - 1 and i2 - i1 == 1 and not a[i1].isspace()
        changed = op != "equal" or between_changes
        old_part.append(("delete_word" if changed else "delete", "".join(a[i1:i2])))
        new_part.append(("insert_word" if changed else "insert", "".join(b[j1:j2])))
    return old_part + new_part


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent pieces of the same kind joined, empty ones dropped."""
    out: list[Segment] = []
    for op, text in segments:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out
