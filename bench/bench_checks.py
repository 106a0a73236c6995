"""Benchmark of the 发布审核 automated checks (budget: 30 ms for a 50,000-character post).

Run from the repository root:  python bench/bench_checks.py
Generates, with a fixed seed, 20,000 random Chinese words as the sensitive-word list and a
50,000-character post that also contains ordinary numbers, links and a few real findings, then
times the automaton build once and a full run of every check (median of several runs).
Exits 1 when the budget is exceeded.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.review.checks import Leader, WordLists, load_default_wordlists, prepare, run_checks

BUDGET_MS = 30.0
WORDS = 20_000
TEXT_CHARS = 50_000
RUNS = 15

# Frequent characters of government prose, so that the text hits post titles, 县/镇/乡 suffixes and
# partial word matches the way a real post does; pure random CJK would make the matcher look faster.
_COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料"
    "象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
    "油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报"
    "斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持"
    "音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府"
    "称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调"
    "满县局照参红细引听该铁价严龙飞锦屏镇乡村"
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_COMMON) for _ in range(rng.randint(2, 4)))


def make_lists(rng: random.Random) -> WordLists:
    words = {_word(rng) for _ in range(WORDS * 2)}
    sensitive = sorted(words)[:WORDS]
    rng.shuffle(sensitive)
    base = load_default_wordlists()
    leaders = tuple(
        Leader(rng.choice("张王李赵刘陈杨黄") + _word(rng)[:2], post)
        for post in ("县委书记", "县委副书记、县长", "常务副县长", "副县长", "副县长", "县人大常委会主任")
    )
    return dataclasses.replace(base, sensitive_words=tuple(sensitive), leaders=leaders)


def make_text(rng: random.Random) -> str:
    pieces: list[str] = []
    size = 0
    # Ordinary numbers and a few real findings, as a real post has them.
    # fmt: off
    extras = (
        "，", "。", "、", "\n", "20240315", "1234567890123456", "12,345,678", "锦府办发〔2024〕12号",
        "县长", "副县长", "锦屏县", "三江镇", "http://www.gov.cn/zhengce/", "www.example.com",
        "13812345678", "11010519491231002X", "机密★1年", "涉密", "中华人民共合国",
    )
    # fmt: on
    while size < TEXT_CHARS:
        piece = (
            rng.choice(extras)
            if rng.random() < 0.08
            else "".join(rng.choice(_COMMON) for _ in range(rng.randint(4, 30)))
        )
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces)[:TEXT_CHARS]


def main() -> int:
    rng = random.Random(20240315)
    lists = make_lists(rng)
    text = make_text(rng)

    started = time.perf_counter()
    prepare(lists)
    build_ms = (time.perf_counter() - started) * 1000

    timings: list[float] = []
    findings = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        findings = len(run_checks(text, lists))
        timings.append((time.perf_counter() - started) * 1000)
    checks_ms = statistics.median(timings)

    print(f"words: {len(lists.sensitive_words)}, text: {len(text)} chars, findings: {findings}")
    print(f"automaton build: {build_ms:.1f} ms (once per word list)")
    print(f"checks: {checks_ms:.1f} ms (budget {BUDGET_MS:.0f} ms)")
    return 0 if checks_ms <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
