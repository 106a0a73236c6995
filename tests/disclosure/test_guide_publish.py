"""A published 公开指南 goes out of date when a setting it uses changes (issue 18)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app import paths
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.dashboard import collect
from app.disclosure.enums import ItemStatus
from app.disclosure.models import DisclosureItem
from app.errors import PermissionDenied, ValidationError
from app.export_unit import run_export
from app.guide.models import GuideEdition
from app.guide.publish import REGISTER_CREATE, REGISTER_LINK, mark_published
from app.guide.service import export_guide, guide_status
from app.settings import set_setting
from tests.disclosure.guide_support import docx_lines, fill_office

TODAY = date(2026, 12, 3)  # a Thursday
STAFF = Actor(user_id=None, username="clerk", display_name="王明", roles=frozenset({Role.DISCLOSURE_STAFF}))


def _export(db: Database, path: Path, today: date = TODAY) -> int:
    folder = paths.templates_dir(db.data_dir)
    return run_export(db, lambda s: export_guide(s, STAFF, path, folder, today=today)).edition_id


def _guide_items(db: Database) -> list[str]:
    with db.session_factory() as s:
        return [f"{i.title}：{i.detail}" for i in collect(s, STAFF, TODAY) if i.record_type == "guide"]


def test_changed_phone_number_makes_the_published_guide_stale_until_a_new_one_is_published(
        db: Database, tmp_path: Path) -> None:
    fill_office(db)
    first = _export(db, tmp_path / "一.docx")
    assert _guide_items(db) == []  # nothing published yet: nothing can be out of date
    with db.session_factory.begin() as s:
        mark_published(s, STAFF, first, TODAY, today=TODAY)
    assert _guide_items(db) == []

    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "org.phone", "0855-7333333")
    items = _guide_items(db)
    assert len(items) == 1
    assert items[0].startswith("政府信息公开指南已过期：2026-12-03 发布的指南之后，系统参数“联系电话”已修改")
    with db.session_factory() as s:
        status = guide_status(s)
        assert status.stale and status.published is not None and status.published.changed == ("联系电话",)

    # The next export carries the new number; the reminder stays until it is marked published.
    second = _export(db, tmp_path / "二.docx", date(2026, 12, 4))
    lines = docx_lines(tmp_path / "二.docx")
    assert "联系电话：0855-7333333" in lines and "联系电话：0855-7222001" not in lines
    assert len(_guide_items(db)) == 1
    with db.session_factory.begin() as s:
        mark_published(s, STAFF, second, date(2026, 12, 4), today=date(2026, 12, 4))
    assert _guide_items(db) == []
    with db.session_factory() as s:
        status = guide_status(s)
        assert status.published is not None and status.published.id == second and not status.stale


def test_an_edition_made_before_a_change_cannot_be_marked_published(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    edition = _export(db, tmp_path / "一.docx")
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "guide.fax", "0855-7444444")
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match=r"“传真号码”已修改.*请重新导出"):
        mark_published(s, STAFF, edition, TODAY, today=TODAY)


def test_publication_date_rules_and_roles(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    edition = _export(db, tmp_path / "一.docx")
    editor = Actor(user_id=None, username="ed", display_name="采编", roles=frozenset({Role.EDITOR}))
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        mark_published(s, editor, edition, TODAY, today=TODAY)
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="不能晚于今天"):
        mark_published(s, STAFF, edition, date(2026, 12, 4), today=TODAY)
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="不能早于这份指南的编制日期"):
        mark_published(s, STAFF, edition, date(2026, 12, 2), today=TODAY)
    with db.session_factory.begin() as s:
        mark_published(s, STAFF, edition, TODAY, today=TODAY)
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="已于 2026-12-03 标记为已发布"):
        mark_published(s, STAFF, edition, TODAY, today=TODAY)


def _published_as_new_item(db: Database, path: Path) -> int:
    """The office filled in, the guide exported to `path` and marked published today as a new register
    item; the edition's id."""
    fill_office(db)
    edition = _export(db, path)
    with db.session_factory.begin() as s:
        mark_published(s, STAFF, edition, TODAY, today=TODAY, register=REGISTER_CREATE)
    return edition


def test_publishing_can_create_a_disclosure_item_in_the_register(db: Database, tmp_path: Path) -> None:
    edition = _published_as_new_item(db, tmp_path / "一.docx")
    with db.session_factory() as s:
        row = s.get(GuideEdition, edition)
        assert row is not None and row.disclosure_item_id is not None
        item = s.get(DisclosureItem, row.disclosure_item_id)
        assert item is not None
        assert item.title == "锦屏县人民政府办公室政府信息公开指南（2026-12-03版）"
        assert (item.category, item.section, item.formed_on) == (11, "信息中心", TODAY)
        # An ordinary register item: secrecy review next, due 20 working days after it was formed
        # (2026-12-03 + 20 working days, no holidays in between = 2026-12-31).
        assert item.status == ItemStatus.DRAFT.value and item.due_on == date(2026, 12, 31)
        assert guide_status(s).published is not None
        assert guide_status(s).published.disclosure_item_no == item.item_no  # type: ignore[union-attr]


def test_publishing_can_link_an_existing_item(db: Database, tmp_path: Path) -> None:
    _published_as_new_item(db, tmp_path / "一.docx")
    with db.session_factory() as s:
        item_no = s.scalars(select(DisclosureItem.item_no)).one()
    second = _export(db, tmp_path / "二.docx")
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="没有编号为“GK-1999-1”"):
        mark_published(s, STAFF, second, TODAY, today=TODAY, register=REGISTER_LINK, item_no="GK-1999-1")
    with db.session_factory.begin() as s:
        mark_published(s, STAFF, second, TODAY, today=TODAY, register=REGISTER_LINK, item_no=item_no)
    with db.session_factory() as s:
        assert s.scalars(select(DisclosureItem)).all().__len__() == 1
        status = guide_status(s)
        assert status.published is not None and status.published.id == second
        assert status.published.disclosure_item_no == item_no
