"""app.cases.archive.document_actions_for: who may add to or remove from a case file, and why not; the
services refuse with the same sentences (issue 14)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases.archive import DocumentAction, add_document, document_actions_for, remove_document
from app.cases.enums import CaseStatus
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from tests.cases.test_cases_archive import PDF, _closed_case


def actor(*roles: Role) -> Actor:
    return Actor(user_id=None, username="u", display_name="周采编", roles=frozenset(roles))


def test_role_and_archive(session: Session) -> None:
    case = _closed_case(session)
    clerk, editor = actor(Role.DISCLOSURE_STAFF), actor(Role.EDITOR)
    assert document_actions_for(case, clerk).available() == [DocumentAction.ADD, DocumentAction.REMOVE]
    role = "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“周采编”无此权限。"
    got = document_actions_for(case, editor)
    assert got.reason(DocumentAction.ADD) == role and got.reason(DocumentAction.REMOVE) == role
    with pytest.raises(PermissionDenied, match=f"^{role}$"):
        add_document(session, editor, case.id, "original_request", "申请.pdf", PDF)

    doc = add_document(session, clerk, case.id, "original_request", "申请.pdf", PDF)
    case.status = CaseStatus.ARCHIVED.value
    archived = f"案件“{case.case_no}”已归档，案卷材料不能再增删。"
    assert document_actions_for(case, clerk).reason(DocumentAction.REMOVE) == archived
    with pytest.raises(ValidationError) as err:
        remove_document(session, clerk, doc.id)
    assert str(err.value) == archived
