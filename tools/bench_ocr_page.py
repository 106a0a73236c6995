"""The OCR figure of bench/bench_redaction.py alone, repeated: wall and CPU seconds per page, medians.

    python tools/bench_ocr_page.py [--repeat 5] [--rapidocr-defaults]

Same scan as the bench (24 dense lines, 150 dpi), read with PageDocument.recognise after the engine
is loaded. `--rapidocr-defaults` uses rapidocr's own settings instead of app/redaction/ocr.py's
(full-size detection, spinning onnxruntime threads), for a before/after comparison; run the two in
turn on a shared machine, since the load changes from minute to minute.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_redaction as bench  # noqa: E402

from app.redaction import ocr  # noqa: E402
from app.redaction.document import PageDocument  # noqa: E402
from tests.redaction.pdf_samples import scanned_pdf  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rapidocr-defaults", action="store_true")
    args = parser.parse_args()
    lines = [bench._PROSE[:24], "申请人：张三，联系电话13812345678。"] * 12
    scan = scanned_pdf(lines, dpi=200)
    if args.rapidocr_defaults:
        from rapidocr_onnxruntime import RapidOCR

        wall, cpu, engine = bench.timed(RapidOCR)
        ocr._engine = lambda: engine  # type: ignore[assignment]
    else:
        wall, cpu, _ = bench.timed(ocr._engine)
    print(f"engine start: {wall:.2f} s wall, {cpu:.2f} s CPU")
    walls, cpus = [], []
    for n in range(args.repeat):
        with PageDocument(scan, "scan.pdf") as doc:
            wall, cpu, page = bench.timed(lambda: doc.recognise(0))
        read = [line for line in "".join(c.text for c in page.chars).split("\n") if line]
        exact = sum(1 for got, want in zip(read, lines, strict=False) if got == want)
        print(f"page {n + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, {exact}/{len(lines)} lines read exactly")
        walls.append(wall)
        cpus.append(cpu)
    print(f"median: {statistics.median(walls):.2f} s wall ({min(walls):.2f}–{max(walls):.2f}), "
          f"{statistics.median(cpus):.2f} s CPU ({min(cpus):.2f}–{max(cpus):.2f}); budget 3 s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
