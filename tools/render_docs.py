"""Generate every kind of document the program writes, convert it to PDF with LibreOffice and
render its pages to PNG, so a person can look at them page by page as an office would.

    python tools/render_docs.py /tmp/docs                      # demo data in a temporary folder
    python tools/render_docs.py /tmp/docs --data-dir /tmp/demo  # reuse (or fill) that data folder
    python tools/render_docs.py /tmp/docs --only 答复书 --dpi 80

Output: <out>/files (the .docx/.xlsx), <out>/pdf, <out>/png/<name>-<page>.png and a list of the
pages per document on stdout. Letters are rendered as previews (nothing is numbered or filed), in
the layout the settings choose and, for the 答复书, also in the plain layout and for pre-printed
letterhead paper. Registers, the catalogue, inspections, the review sheet and the annual report
go through the command line (`govinfo-desk export …`), exactly as an office exports them.

Needs LibreOffice (soffice) and poppler (pdftoppm): apt-get install libreoffice-writer
libreoffice-calc poppler-utils fonts-noto-cjk. Not used by the tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the files, PDFs and PNGs")
    parser.add_argument("--data-dir", type=Path, help="data folder; filled with demo data when it has none")
    parser.add_argument("--year", type=int, help="year of the registers and the annual report (default: last year)")
    parser.add_argument("--dpi", type=int, default=60, help="PNG resolution (default 60)")
    parser.add_argument("--only", default="", help="render only documents whose name contains this text")
    return parser.parse_args(argv)


def cli(data_dir: Path, *args: str) -> None:
    """Run `govinfo-desk --data-dir … ARGS` and fail loudly with its Chinese message."""
    cmd = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")


def ensure_demo(data_dir: Path) -> bool:
    """Fill `data_dir` with the demo data unless it already has cases; True when it did."""
    db = data_dir / "govinfo.db"
    if db.exists():
        return False
    data_dir.mkdir(parents=True, exist_ok=True)
    cli(data_dir, "demo")
    return True


def letters(data_dir: Path, files: Path) -> list[Path]:
    """One preview per letter kind (the first case that has what the letter needs)."""
    from sqlalchemy import select

    from app.bootstrap import open_database
    from app.cases.letters import LETTER_KINDS, letter_context, render_case_letter
    from app.cases.models import RequestCase
    from app.errors import UserError
    from app.letters_layout import letter_layout

    written: list[Path] = []
    db = open_database(data_dir)
    try:
        with db.session_factory() as s:
            cases = list(s.scalars(select(RequestCase).order_by(RequestCase.id)))
            for kind, info in LETTER_KINDS.items():
                layouts = [("", letter_layout(s, kind))]
                if kind == "reply":
                    base = letter_layout(s, kind)
                    layouts += [("（普通格式）", replace(base, letterhead=False)),
                                ("（预印版头信纸）", replace(base, letterhead=True, preprinted=True))]
                for case in cases:
                    if kind == "reply" and not case.reply_type:
                        continue
                    try:
                        context = letter_context(s, case, kind, doc_no="")
                    except UserError:
                        continue  # no consultation of this kind on this case
                    context["文号"] = context["文号"] or ("锦府办依复〔2026〕8号" if info.series else "")
                    for suffix, layout in layouts:
                        out = files / f"{info.title}{suffix}.docx"
                        render_case_letter(kind, context, out, data_dir / "templates", layout)
                        written.append(out)
                    break
    finally:
        db.dispose()
    return written


def demo_texts(data_dir: Path, year: int) -> None:
    """Parts 一 and 五 of the demo's annual report (the demo leaves them empty)."""
    from app.annual.service import report_state, save_texts, suggested_texts
    from app.bootstrap import open_database
    from app.context import Actor

    db = open_database(data_dir)
    try:
        with db.session_factory.begin() as s:
            part1, part5, part6 = suggested_texts(s, year)
            save_texts(s, Actor.system(), year, part1 or "本年度，本机关认真贯彻落实政府信息公开条例。",
                       part5 or "一是公开内容不够全面。下一步将加强培训。", part6 or "本年度未收取信息处理费。",
                       expected_version=report_state(s, year).version)
    finally:
        db.dispose()


def first_post_no(data_dir: Path) -> str:
    from sqlalchemy import select

    from app.bootstrap import open_database
    from app.review.models import Post

    db = open_database(data_dir)
    try:
        with db.session_factory() as s:
            return s.scalars(select(Post.post_no).order_by(Post.id)).first() or ""
    finally:
        db.dispose()


def exports(data_dir: Path, files: Path, year: int) -> list[Path]:
    jobs: list[tuple[str, list[str]]] = [
        ("依申请公开登记台账.xlsx", ["export", "register", "requests", "--year", str(year)]),
        ("稿件登记台账.xlsx", ["export", "register", "posts", "--year", str(year)]),
        ("主动公开事项登记台账.xlsx", ["export", "register", "disclosures", "--year", str(year)]),
        ("读网巡检记录.xlsx", ["export", "inspections", "--year", str(year)]),
        ("政府信息公开目录（表格）.xlsx", ["export", "catalogue"]),
        ("政府信息公开目录.docx", ["export", "catalogue"]),
        ("年度报告.docx", ["export", "annual-report", "--year", str(year)]),
        ("年度报告（表格）.xlsx", ["export", "annual-report", "--year", str(year)]),
    ]
    post_no = first_post_no(data_dir)
    if post_no:
        jobs.append(("信息审核发布单.docx", ["export", "review-sheet", post_no]))
    written = []
    for name, args in jobs:
        out = files / name
        try:
            cli(data_dir, *args, "-o", str(out))
        except RuntimeError as exc:
            print(f"未生成 {name}：{exc}", file=sys.stderr)
            continue
        written.append(out)
    return written


def to_png(paths: list[Path], out: Path, dpi: int) -> dict[Path, list[Path]]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit("需要 LibreOffice（soffice）和 poppler（pdftoppm）：apt-get install libreoffice-writer "
                         "libreoffice-calc poppler-utils fonts-noto-cjk")
    pdf_dir, png_dir = out / "pdf", out / "png"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    png_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-docs-profile-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(pdf_dir), *map(str, paths)], check=True, capture_output=True)
    pages: dict[Path, list[Path]] = {}
    for path in paths:
        pdf = pdf_dir / f"{path.stem}.pdf"  # file names are unique by stem (LibreOffice names PDFs so)
        prefix = png_dir / pdf.stem
        subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
        pages[path] = sorted(png_dir.glob(f"{glob_escape(pdf.stem)}-*.png"))
    return pages


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "[]*?" else c for c in text)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    year = args.year or date.today().year - 1
    out: Path = args.out
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-docs-data-") as tmp:
        data_dir: Path = args.data_dir or Path(tmp)
        if ensure_demo(data_dir):
            demo_texts(data_dir, year)
        makers: list[Callable[[], list[Path]]] = [lambda: letters(data_dir, files),
                                                  lambda: exports(data_dir, files, year)]
        paths = [p for make in makers for p in make() if args.only in p.name]
    for path, pngs in to_png(paths, out, args.dpi).items():
        print(f"{path.name}: {len(pngs)} 页  {' '.join(p.name for p in pngs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
