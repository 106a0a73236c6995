"""Sign-off: the signer's own password, role checks, exclusion of the author, one signature a step."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.auth.roles import Role
from app.bootstrap import Database
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.signoff.models import SignOff
from app.signoff.service import Decision, check_signer, record_signoff
from tests.conftest import TEST_PASSWORD


def test_signer_needs_password_and_role(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("head", Role.SECTION_HEAD)
    make_user("clerk", Role.EDITOR)
    with db.session_factory.begin() as s:
        assert not check_signer(s, "head", "wrong", [Role.SECTION_HEAD]).ok
        refused = check_signer(s, "clerk", TEST_PASSWORD, [Role.SECTION_HEAD])
        assert not refused.ok and "科室负责人" in refused.message
        ok = check_signer(s, "head", TEST_PASSWORD, [Role.SECTION_HEAD])
        assert ok.ok and ok.actor is not None


def test_author_cannot_sign_own_item(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    author = make_user("both", Role.EDITOR, Role.SECTION_HEAD)
    with db.session_factory.begin() as s:
        check = check_signer(s, "both", TEST_PASSWORD, [Role.SECTION_HEAD], exclude_user_ids=[author.user_id])
        assert not check.ok and "同一人" in check.message
        # The service refuses too, whatever a UI would do.
        with pytest.raises(PermissionDenied):
            record_signoff(
                s, author, subject_type="post", subject_id=1, step="second", decision=Decision.APPROVE,
                opinion="", roles=[Role.SECTION_HEAD], exclude_user_ids=[author.user_id or 0],
            )


def test_wrong_role_refused_by_service(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.EDITOR)
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        record_signoff(
            s, clerk, subject_type="post", subject_id=1, step="third", decision=Decision.APPROVE,
            opinion="", roles=[Role.LEADER_IN_CHARGE],
        )


def test_return_needs_reason_and_step_signed_once(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    a = make_user("lead1", Role.LEADER_IN_CHARGE)
    b = make_user("lead2", Role.LEADER_IN_CHARGE)
    kwargs = dict(subject_type="case", subject_id=7, step="approve", roles=[Role.LEADER_IN_CHARGE])
    with db.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="理由"):
            record_signoff(s, a, decision=Decision.RETURN, opinion=" ", **kwargs)  # type: ignore[arg-type]
        record_signoff(s, a, decision=Decision.APPROVE, opinion="同意", **kwargs)  # type: ignore[arg-type]
    with db.session_factory.begin() as s, pytest.raises(ConflictError, match="已由"):
        record_signoff(s, b, decision=Decision.APPROVE, opinion="同意", **kwargs)  # type: ignore[arg-type]
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(SignOff)) == 1
