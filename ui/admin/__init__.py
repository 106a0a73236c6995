"""系统设置: accounts, settings, the holiday calendar and the audit viewer (administrators only)."""

from ui.admin.tab import AdminTab

__all__ = ["AdminTab"]
