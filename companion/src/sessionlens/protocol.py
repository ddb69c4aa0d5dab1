"""The wire contract shared with the extension; mirrors src/core/companion.ts."""

from typing import Final, Literal

PROTOCOL: Final = 1
SESSION_HEADER: Final = "X-Sessionlens-Session"
TOKEN_HEADER: Final = "X-Sessionlens-Token"

ErrorCode = Literal[
    "missing-session", "invalid-session-key", "too-long", "undecodable", "unknown-engine", "server-error"
]
