"""Screenshots of the 统计报表 tab and the exported Word report, for a human to look at (not a test).

    /tmp/venv/bin/govinfo-desk --data-dir /tmp/annual-shots demo
    xvfb-run -a -s "-screen 0 1400x900x24" /tmp/venv/bin/python tests/ui_annual/annual_screenshots.py \
        /tmp/annual-shots /tmp/shots-annual

Adds a year of factory cases before the demo year (the demo fills only the current year), locks that
year, changes one of its cases afterwards, and adds one answered case without an outcome to the
current year, so every state of the page is shown.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from sqlalchemy import select, update

from app.annual.service import lock_year
from app.auth.models import User
from app.auth.service import actor_for
from app.bootstrap import Database, open_database
from app.cases.enums import ApplicantType, Channel
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from tests.factories import case
from tests.seen_hashes import seen_annual
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.app_setup import create_application
from ui.context import AppContext

WEIGHTS = [(Outcome.DISCLOSED, None, 10), (Outcome.PARTIAL, None, 3), (Outcome.WITHHELD, 3, 2),
           (Outcome.WITHHELD, 5, 1), (Outcome.UNAVAILABLE, 0, 5), (Outcome.NOT_PROCESSED, 1, 1),
           (Outcome.OTHER, 0, 1)]


def fill_previous_year(db: Database, year: int) -> None:
    rng = random.Random(year)
    with db.session_factory.begin() as s:
        if s.scalar(select(RequestCase.id).where(RequestCase.case_no.like(f"{year}-%"))):
            return
        types, channels = list(ApplicantType), list(Channel)
        for n in range(48):
            received = date(year, 1, 3) + timedelta(days=rng.randrange(0, 355))
            outcome, detail, _ = rng.choices(WEIGHTS, [w for *_, w in WEIGHTS])[0]
            replied = received + timedelta(days=rng.randrange(5, 40))
            kind = types[0] if rng.random() < 0.6 else rng.choice(types)
            c = case(received, replied if replied.year == year or rng.random() < 0.5 else None,
                     outcome, detail, applicant=kind, due_on=received + timedelta(days=28))
            c.case_no = f"{year}-{n + 1:03d}"
            c.channel = rng.choice(channels).value
            if n == 5:
                c.reconsideration_result, c.reconsideration_on = "upheld", received + timedelta(days=80)
            s.add(c)


def settle(app: QApplication, widget: QWidget, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_task(app: QApplication, holder: object, attr: str = "task") -> None:
    for _ in range(500):
        app.processEvents()
        task = getattr(holder, attr)
        if task is not None and task.is_finished:
            return
        time.sleep(0.02)


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app, widget)
    widget.grab().save(str(path))
    print("saved", path)


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["shots"])
    db = open_database(data_dir)
    this_year = date.today().year
    last_year = this_year - 1
    fill_previous_year(db, last_year)
    with db.session_factory() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None, "run `govinfo-desk --data-dir DIR demo` first"
        admin = actor_for(user)
    with db.session_factory.begin() as s:
        try:
            lock_year(s, admin, last_year, seen_hash=seen_annual(s, last_year))
        except Exception as exc:  # already locked on a second run
            print("lock:", exc)
    with db.session_factory.begin() as s:  # a change after publication, to show the banner
        s.execute(update(RequestCase).where(RequestCase.case_no == f"{last_year}-002")
                  .values(outcome=Outcome.PARTIAL.value, outcome_detail=None))
    ctx = AppContext(db, admin)
    prompts.ask = lambda *_: True
    window = QMainWindow()
    tab = AnnualTab(ctx)
    window.setCentralWidget(tab)
    window.resize(1360, 860)
    window.show()
    page = tab.report
    page.year.setValue(this_year)
    wait_task(app, page)
    grab(app, window, out / "01_report_part3.png")
    for index, name in ((0, "02_part2"), (2, "03_part4"), (3, "04_texts")):
        page.parts.setCurrentIndex(index)
        grab(app, window, out / f"{name}.png")
    page.parts.setCurrentIndex(1)
    dialog = page.open_cell(("part3", "new", 6))
    if dialog is not None:
        grab(app, dialog, out / "05_records.png")
        dialog.close()
    with db.session_factory.begin() as s:
        if not s.scalar(select(RequestCase.id).where(RequestCase.case_no == "无结果-1")):
            bad = case(date(this_year, 3, 2), date(this_year, 3, 20))
            bad.case_no = "无结果-1"
            s.add(bad)
    page.reload()
    wait_task(app, page)
    grab(app, window, out / "06_checks_failed.png")
    page.year.setValue(last_year)
    wait_task(app, page)
    grab(app, window, out / "07_locked_differences.png")
    tab.pages.setCurrentIndex(1)
    stats = tab.statistics
    stats.period.setCurrentIndex(3)  # 第三季度
    wait_task(app, stats)
    grab(app, window, out / "08_statistics.png")
    stats.chart_mode.setCurrentIndex(1)
    grab(app, window, out / "09_statistics_by_channel.png")
    tab.pages.setCurrentIndex(0)
    for year in (last_year, this_year):
        page.year.setValue(year)
        wait_task(app, page)
        page.export.export_word(out / f"report_{year}.docx")
        wait_task(app, page.export)
    page.export.export_excel(out / f"report_{this_year}.xlsx")
    wait_task(app, page.export)
    stats.export_excel(out / "statistics.xlsx")
    wait_task(app, stats, "export_task")
    settle(app, window, 0.3)
    db.dispose()


if __name__ == "__main__":
    main()
