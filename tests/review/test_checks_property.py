"""Property: run_checks never raises, and every finding's offsets slice to its matched text."""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.review.checks import KINDS, Leader, load_default_wordlists, run_checks

LISTS = dataclasses.replace(
    load_default_wordlists(), leaders=(Leader("张建国", "县委副书记、县长"), Leader("李明", "副县长"))
)

# Fragments that make the checks fire, mixed with arbitrary text so that boundaries get exercised.
FRAGMENTS = st.sampled_from(
    [
        "机密★",
        "10年",
        "【秘密】",
        "\n",
        "涉密",
        "13812345678",
        "11010519491231002X",
        "6222",
        " ",
        "-",
        "+86",
        "县长",
        "副县长",
        "张建国",
        "张键国",
        "锦平县",
        "乡村",
        "http://",
        "www.",
        "example.com",
        "gov.cn",
        ".",
        "中华人民共合国",
        "博彩",
        "１３８",
        "Ｘ",
        "〔",
        "）",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_run_checks_never_raises_and_offsets_slice_to_the_match(text: str) -> None:
    findings = run_checks(text, LISTS)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.kind))
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.matched
        assert f.kind in KINDS
        assert f.severity in ("high", "medium")
        assert f.message
    for kind in KINDS:  # same-kind findings never overlap
        spans = [(f.start, f.end) for f in findings if f.kind == kind]
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for f in run_checks(text, LISTS):
        assert text[f.start : f.end] == f.matched
