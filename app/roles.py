"""The roles of the office and their Chinese names."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    EDITOR = "editor"
    DISCLOSURE_STAFF = "disclosure_staff"
    SECTION_HEAD = "section_head"
    LEADER_IN_CHARGE = "leader_in_charge"
    PRINCIPAL_LEADER = "principal_leader"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

ROLE_LABELS: dict[Role, str] = {
    Role.EDITOR: "信息采编员",
    Role.DISCLOSURE_STAFF: "信息公开工作人员",
    Role.SECTION_HEAD: "科室负责人",
    Role.LEADER_IN_CHARGE: "分管领导",
    Role.PRINCIPAL_LEADER: "主要领导",
    Role.ADMIN: "系统管理员",
}
