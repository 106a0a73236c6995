"""The item list is read in pages in SQL: number order across pages and years, and that order is
served by an index (ix_disclosure_items_number_order), so a page of 100,000 items is not a sort of all."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, text

from app.bootstrap import Database
from app.disclosure.models import DisclosureItem
from app.disclosure.queries import _ROW_COLUMNS, _SORTS, ItemFilter, count_items, item_no_key, list_items
from app.workdays.calendar import WorkCalendar

TODAY = date(2024, 10, 30)


def _items(db: Database) -> None:
    rows = [dict(item_no=f"GK-{year}-{n}", version_no=1, title=f"{year}年第{n}号", category=1, section="文书科",
                 formed_on=date(year, 3, 1), status="published") for year in (2023, 2024) for n in range(1, 13)]
    rows.append(dict(item_no="GK-2024-3", version_no=2, title="2024年第3号（第2版）", category=1, section="文书科",
                     formed_on=date(2024, 5, 1), status="published"))
    with db.session_factory.begin() as s:
        s.execute(insert(DisclosureItem), rows)


def test_pages_in_number_order_across_years_and_versions(db: Database) -> None:
    _items(db)
    f, cal = ItemFilter(today=TODAY), WorkCalendar()
    with db.reader() as s:
        assert count_items(s, f, cal) == 25
        pages = [list_items(s, f, cal, offset, 10) for offset in (0, 10, 20)]
        everything = list_items(s, f, cal)
    numbers = [(r.item_no, r.version_no) for page in pages for r in page]
    assert [len(p) for p in pages] == [10, 10, 5] and numbers == [(r.item_no, r.version_no) for r in everything]
    # GK-2024-12, -11, -10 before -9 (numbers, not text); the newer version of -3 before the first.
    assert numbers[:4] == [("GK-2024-12", 1), ("GK-2024-11", 1), ("GK-2024-10", 1), ("GK-2024-9", 1)]
    assert numbers == sorted(numbers, key=lambda n: item_no_key(*n), reverse=True)
    assert numbers.index(("GK-2024-3", 2)) + 1 == numbers.index(("GK-2024-3", 1))
    assert numbers[13] == ("GK-2023-12", 1)  # 2024: twelve numbers and one second version


def test_the_number_order_is_read_from_its_index(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL's plan depends on its statistics; the index itself is compared by test_architecture
    stmt = select(*_ROW_COLUMNS).where(DisclosureItem.status != "superseded") \
        .order_by(*[c.desc() for c in _SORTS["item_no"]], DisclosureItem.id.desc()).limit(200)
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        plan = " ".join(str(row) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_disclosure_items_number_order" in plan and "TEMP B-TREE" not in plan, plan
