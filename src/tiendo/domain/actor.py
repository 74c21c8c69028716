"""Who does something: every write is attributed to an actor in the audit log."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    label: str
    user_id: int | None = None
    ip: str | None = None
    role: str | None = None
    province_code: str | None = None
    agency_id: int | None = None

    @classmethod
    def command_line(cls) -> Actor:
        return cls(label="dòng lệnh", role="admin")

    @classmethod
    def system(cls) -> Actor:
        return cls(label="hệ thống", role="admin")
