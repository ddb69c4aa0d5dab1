"""The wire contract shared with the extension; mirrors src/core/companion.ts."""

from typing import Final, Literal

PROTOCOL: Final = 2
SESSION_HEADER: Final = "X-Sessionlens-Session"
TOKEN_HEADER: Final = "X-Sessionlens-Token"
# On a response SessionTimelineMiddleware recorded: the path of its CompanionTimelineRecord.
RECORD_HEADER: Final = "X-Sessionlens-Record"

# "missing-session" was protocol 1's answer to a request naming no session; protocol 2 answers it
# with CompanionSiteOnly, and the code stays listed as CompanionError in companion.ts lists it.
ErrorCode = Literal[
    "missing-session",
    "invalid-session-key",
    "too-long",
    "undecodable",
    "unknown-engine",
    "server-error",
    # Refused writes (writes.py), all 400.
    "unsupported-content-type",
    "bad-json",
    "unknown-op",
    "missing-value",
    "bad-value",
    "no-such-key",
]
