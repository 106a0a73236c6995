"""已被其他人修改 is not a dead end (issue 19): two PCs save one registration; the second sees
the differences, keeps some of its own values, and saves on the first one's version.
Runs on SQLite and, with GOVINFO_TEST_PG_URL set, on PostgreSQL."""

from __future__ import annotations

import pytest

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.intake import CaseForm, register_case, update_case
from app.cases.intake_conflict import differences, merged
from app.cases.models import RequestCase
from app.errors import ConflictError
from tests.reliability.rel_worker import TODAY, a_form


def test_the_second_saver_merges_field_by_field_and_saves_on_the_fresh_version(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF)
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
    with db.session_factory() as s:  # PC2 opens the form
        case = s.get(RequestCase, case_id)
        assert case is not None
        opened, opened_version = CaseForm.from_case(case), case.version
    with db.session_factory.begin() as s:  # PC1 saves a new phone number and address
        update_case(s, clerk, case_id, a_form(1, phone="13900001111", address="锦屏县新地址 8 号"), opened_version,
                    today=TODAY)
    mine = a_form(1, phone="13700002222", remarks="电话以本次来电为准")
    with pytest.raises(ConflictError, match="已被其他人修改"), db.session_factory.begin() as s:
        update_case(s, clerk, case_id, mine, opened_version, today=TODAY)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        theirs, version = CaseForm.from_case(case), case.version
    diff = {d.field: (d.theirs, d.yours, d.you_changed) for d in differences(opened, theirs, mine)}
    assert diff == {
        "phone": ("13900001111", "13700002222", True),
        "address": ("锦屏县新地址 8 号", "锦屏县三江镇 1 号", False),
        "remarks": ("（空）", "电话以本次来电为准", True),
    }
    with db.session_factory.begin() as s:  # keep my phone and remark, take their address
        update_case(s, clerk, case_id, merged(theirs, mine, {"phone", "remarks"}), version, today=TODAY)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        assert (case.phone, case.address, case.remarks) == ("13700002222", "锦屏县新地址 8 号", "电话以本次来电为准")
        assert case.version == version + 1
