"""Exceptions that carry a message meant for the user (Simplified Chinese)."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; str(err) is a complete Chinese sentence saying what to do."""


class ValidationError(UserError):
    """Input that does not satisfy a rule. `field` names the offending field where there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(UserError):
    """The acting user's roles do not allow this operation."""


class NotFound(UserError):
    """The record asked for does not exist (any more)."""


class ConflictError(UserError):
    """Someone else saved a newer version of the record first."""

    def __init__(self, message: str, changes: dict[str, tuple[object, object]] | None = None) -> None:
        super().__init__(message)
        self.changes = changes or {}


class DatabaseUnreadable(UserError):
    """The database file is damaged or not a database at all."""


class SchemaTooNew(UserError):
    """The database was written by a newer version of the program."""


class StaleContent(ConflictError):
    """What a signer or editor saw is no longer what is on record: the signature or save would bind
    text they never read. The dialog re-reads the record and shows the new text."""
