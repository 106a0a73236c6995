"""Shared fixtures: a real SQLite database in a temp data folder, accounts, actors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The one documented way to a fast password hash (app/auth/passwords.py); inherited by the
# programs tests start, so their logins do not rehash at the production cost either.
os.environ["GOVINFO_INSECURE_TEST_PASSWORD_COST"] = "1"

from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.bootstrap import Database, open_database
from app.context import Actor
from tests import pg_support
from tests.pg_support import pytest_configure, pytest_generate_tests  # noqa: F401  (pytest hooks)
from tests.slow_tests import mark_slow


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mark_slow(items)
    pg_support.deselect_server_tests(config, items)


TEST_PASSWORD = "Ledger-7-Orchid"
TEMP_PASSWORD = "Temp-4-Harbour"  # what an administrator hands out; replaced at first login


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the real user data folder or a developer's database."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("GOVINFO_DATA_DIR", str(folder))
    monkeypatch.delenv("GOVINFO_DB_URL", raising=False)
    return folder


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings() (remembered column widths, window sizes) never reads or writes the developer's own,
    and one test's remembered widths never reach the next."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """A form a test typed into refuses qtbot's close (it asks before discarding), and the question
    and the form would stay on screen for the next test's `topLevelWidgets()`. hide() asks nothing."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            if widget.isVisible():
                widget.hide()


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: sqlite, unless tests/pg_support.py parametrised it."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db(data_dir: Path, db_backend: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    if db_backend == "postgresql":
        # A fresh database cloned from the migrated template; it becomes the data folder's
        # database, so the CLI and open_database(data_dir) inside the test find it too.
        with pg_support.fresh_database() as url:
            pg_support.use_for_folder(monkeypatch, data_dir, url)
            database = open_database(data_dir, url)
            yield database
            database.dispose()
        return
    database = open_database(data_dir)
    yield database
    database.dispose()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """One unit of work, committed at the end of the test (like a user action)."""
    with db.session_factory.begin() as s:
        yield s


@pytest.fixture
def system_actor() -> Actor:
    return Actor.system()


@pytest.fixture
def make_user(db: Database):  # type: ignore[no-untyped-def]
    """Create a committed user with the given roles whose own password is TEST_PASSWORD; returns
    the Actor as a signer who just typed that password (a VerifiedSigner)."""
    from app.auth.proof import prove_password
    from app.auth.service import create_user

    def _make(username: str, *roles: Role, display_name: str | None = None) -> Actor:
        with db.session_factory.begin() as s:
            user = create_user(s, Actor.system(), username, display_name or username, TEST_PASSWORD, roles)
            # A fixture shortcut for "the person has since set their own password" (the real flow,
            # change_own_password, is tested in test_signer_proof.py); it keeps one audit entry per
            # account, which many tests count on.
            user.password_set_by_id, user.must_change_password = user.id, False
            user.password_set_by_name = f"{user.display_name}（{user.username}）"
            proof = prove_password(user, TEST_PASSWORD)
            assert proof is not None
            return proof

    return _make


# The office's people as the service tests name them: key → (user name, display name, roles).
PEOPLE: dict[str, tuple[str, str, tuple[Role, ...]]] = {
    "clerk": ("clerk", "张经办", (Role.DISCLOSURE_STAFF,)),
    "leader": ("leader", "李分管", (Role.LEADER_IN_CHARGE,)),
    "boss": ("boss", "赵主要", (Role.PRINCIPAL_LEADER,)),
    "editor": ("editor", "王芳", (Role.EDITOR,)),
    "head": ("head", "赵敏", (Role.SECTION_HEAD,)),
    "head2": ("head2", "钱进", (Role.SECTION_HEAD,)),
}
Person = tuple[str, str, tuple[Role, ...]]


@pytest.fixture
def make_people(make_user):  # type: ignore[no-untyped-def]
    """`make_people("clerk", "leader", both=("both", "钱兼任", (Role.X, Role.Y)))`: the named PEOPLE,
    then the others, in the order given; returns {key: Actor}."""

    def _make(*known: str, **others: Person) -> dict[str, Actor]:
        who = {**{key: PEOPLE[key] for key in known}, **others}
        return {key: make_user(username, *roles, display_name=name) for key, (username, name, roles) in who.items()}

    return _make


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files the GUI would open in Word/WPS, recorded instead of launching anything."""
    from ui.cases import files  # late: only GUI tests ask for this fixture

    seen: list[Path] = []

    def record(path: Path) -> bool:
        seen.append(path)
        return True

    monkeypatch.setattr(files, "opener", record)
    return seen
