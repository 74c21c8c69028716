"""Who acts when the command line or the server itself changes reporting data."""

from __future__ import annotations

from tiendo.accounts.roles import Principal, Role

#: the command line is run by the machine's administrator: every province
COMMAND_LINE = Principal(user_id=None, username="dòng lệnh", role=Role.ADMIN)  # type: ignore[arg-type]
