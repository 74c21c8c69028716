"""Errors that reach a user carry a Vietnamese message saying what and where.

Every error raised on purpose by tiendo is a ``TiendoError``; the CLI prints
its message and exits non-zero, the web app turns it into an error page or
a JSON error body. Anything else is a bug.
"""

from __future__ import annotations


class TiendoError(Exception):
    """Base of the errors tiendo raises on purpose.

    ``message`` is the Vietnamese text shown to the user; ``where`` names the
    place (a file, a line, a field, a cell) when there is one.
    """

    status_code = 400

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class IngestError(TiendoError):
    """A plan file cannot be read or understood."""

    status_code = 422


class ValidationError(TiendoError):
    """Submitted values break a rule; ``errors`` lists each field's problem."""

    status_code = 422

    def __init__(self, message: str, *, errors: list[dict] | None = None, where: str | None = None):
        super().__init__(message, where=where)
        self.errors = errors or []


class NotFound(TiendoError):
    status_code = 404


class PermissionDenied(TiendoError):
    status_code = 403


class Conflict(TiendoError):
    """Someone else changed the record since it was read."""

    status_code = 409
