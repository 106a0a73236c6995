"""Fixtures for the 依申请公开 GUI tests: a clerk, two leaders, the tab on a real SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.context import Actor
from ui.cases import actions
from ui.context import AppContext

CLERK = "clerk"
LEADER = "fenguan"
PRINCIPAL = "zhuyao"


@pytest.fixture
def clerk(make_user) -> Actor:
    return make_user(CLERK, Role.DISCLOSURE_STAFF, display_name="王芳")


@pytest.fixture
def leaders(make_user) -> tuple[Actor, Actor]:
    return (make_user(LEADER, Role.LEADER_IN_CHARGE, display_name="陈军"),
            make_user(PRINCIPAL, Role.PRINCIPAL_LEADER, display_name="杨华"))


@pytest.fixture
def ctx(db: Database, clerk: Actor) -> AppContext:
    return AppContext(db=db, actor=clerk)


@pytest.fixture
def org_filled(db: Database) -> None:
    """The office's address and phone, which letters print (generation refuses blanks)."""
    from app.settings.registry import set_setting

    with db.session_factory.begin() as s:
        for key, value in (("org.address", "锦屏县三江镇政府路1号"), ("org.phone", "0855-7222222"),
                           ("org.postcode", "556700")):
            set_setting(s, Actor.system(), key, value)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """confirm() blocks; tests answer yes and record the question instead."""
    asked: list[str] = []

    def ask(_parent: QWidget | None, title: str, _text: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(actions, "ask", ask)
    return asked


@pytest.fixture(autouse=True)
def _close_message_boxes() -> Iterator[None]:
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()


class Boxes:
    """The message boxes the UI opened (non-blocking, so a test can read and close them)."""

    def visible(self) -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    def texts(self) -> list[str]:
        return [b.text() for b in self.visible()]

    def close(self) -> None:
        for b in self.visible():
            b.close()


@pytest.fixture
def boxes() -> Boxes:
    return Boxes()


DEFAULT_CONTENT = "申请公开2023年锦屏县城区道路改造工程的招标文件"


def make_form(name: str = "张三", content: str = DEFAULT_CONTENT, **kw: object) -> CaseForm:
    values: dict[str, object] = dict(
        applicant_type=ApplicantType.NATURAL, applicant_name=name, id_type="居民身份证",
        phone="13800138000", address="锦屏县三江镇飞山路1号", channel=Channel.IN_PERSON,
        submitted_on=date.today(), content=content, delivery_method=DeliveryMethod.POST,
    )
    values.update(kw)
    return CaseForm(**values)  # type: ignore[arg-type]


@pytest.fixture
def add_case(db: Database, clerk: Actor):
    """Register a case through the real service (fast set-up for list tests); returns its id."""

    def _add(**kw: object) -> int:
        with db.session_factory.begin() as s:
            case = register_case(s, clerk, make_form(**kw), date.today())  # type: ignore[arg-type]
            s.flush()
            return case.id

    return _add
