"""Benchmarks of 区分处理 (issue 15), each against its budget; exits 1 when one is missed.

Run from the repository root:  python bench/bench_redaction.py [--pages 100] [--no-ocr]

- opening a 100-page PDF shows page 1 (text read, picture rendered at screen size) in ≤ 500 ms;
- suggestions for a 20-page text PDF in ≤ 2 s;
- OCR of a scanned A4 page in ≤ 3 s (the engine's one-off start is reported apart);
- generating the released copy of a 100-page PDF in ≤ 30 s.
Wall times on this shared 2-core machine; CPU seconds of this process are printed beside them.
The PDFs are made with a fixed seed (tests/redaction/pdf_samples.py writes them).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.redaction.document import PageDocument  # noqa: E402
from app.redaction.engine import redact_document  # noqa: E402
from app.redaction.suggest import document_suggestions  # noqa: E402
from tests.redaction.pdf_samples import scanned_pdf, text_pdf, to_bytes  # noqa: E402

SCREEN_DPI = 120.0  # 96 dpi at the view's default 125 % zoom
BUDGETS = {"open": 0.5, "suggest20": 2.0, "ocr": 3.0, "generate": 30.0}
_PROSE = "根据县人民政府关于做好城乡居民最低生活保障工作的通知精神现将本镇二〇二三年度低保审批情况公示如下"


def _line(rng: random.Random, n: int) -> str:
    start = rng.randrange(len(_PROSE) - 20)
    text = _PROSE[start : start + 18]
    if n % 9 == 0:
        return f"申请人：张{_PROSE[n % 30]}，联系电话138{rng.randrange(10**8):08d}。"
    return f"{n}. {text}，金额{rng.randrange(1000, 99999)}元。"


def make_pdf(pages: int, seed: int = 15) -> bytes:
    rng = random.Random(seed)
    return to_bytes(text_pdf([[_line(rng, p * 30 + i) for i in range(30)] for p in range(pages)]))


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def report(name: str, label: str, wall: float, cpu: float) -> bool:
    budget = BUDGETS[name]
    ok = wall <= budget
    print(f"{'OK ' if ok else 'MISS'} {label}: {wall:.3f} s wall, {cpu:.3f} s CPU (budget {budget:.1f} s)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--no-ocr", action="store_true")
    args = parser.parse_args()
    big, small = make_pdf(args.pages), make_pdf(20)
    results = []

    def open_first() -> Any:
        doc = PageDocument(big, "big.pdf")
        doc.page(0)
        doc.render(0, SCREEN_DPI)
        return doc

    wall, cpu, doc = timed(open_first)
    results.append(report("open", f"open a {args.pages}-page PDF, page 1 shown", wall, cpu))
    wall, cpu, _ = timed(lambda: doc.render(1, SCREEN_DPI))
    print(f"     (rendering one more page: {wall * 1000:.0f} ms; the view renders the next page ahead)")

    def suggest() -> Any:
        with PageDocument(small, "small.pdf") as d:
            return document_suggestions(d.page(i) for i in range(d.page_count))

    wall, cpu, found = timed(suggest)
    results.append(report("suggest20", f"suggestions for 20 pages ({len(found)} found)", wall, cpu))

    if not args.no_ocr:
        from app.redaction import ocr

        if ocr.ocr_available():
            scan = scanned_pdf([_PROSE[:24], "申请人：张三，联系电话13812345678。"] * 12, dpi=200)
            wall, cpu, _ = timed(lambda: ocr._engine())
            print(f"     (OCR engine start, once per process: {wall:.2f} s)")
            with PageDocument(scan, "scan.pdf") as s:
                wall, cpu, page = timed(lambda: s.recognise(0))
            results.append(report("ocr", f"OCR of a scanned A4 page ({len(page.chars)} characters)", wall, cpu))
        else:
            print("SKIP OCR: rapidocr-onnxruntime is not installed (pip install '.[ocr]')")

    marks = document_suggestions(doc.page(i) for i in range(doc.page_count))
    wall, cpu, result = timed(lambda: redact_document(doc, marks))
    doc.close()
    results.append(report("generate", f"released copy of {args.pages} pages ({len(marks)} marks, "
                                      f"{len(result.data) // 1024} KB)", wall, cpu))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
