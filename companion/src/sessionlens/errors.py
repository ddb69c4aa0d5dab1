"""CompanionError: bad input or an unreadable store, answered as the protocol's error JSON."""

from __future__ import annotations

from typing import Any

from .protocol import PROTOCOL, ErrorCode


class CompanionError(Exception):
    def __init__(self, code: ErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message
        self.status = status

    def as_json(self) -> dict[str, Any]:
        return {"protocol": PROTOCOL, "ok": False, "code": self.code, "message": self.message}
