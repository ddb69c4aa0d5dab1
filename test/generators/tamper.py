"""Ways to damage a valid Django value. Each keeps the structure a decoder recognises, so the
vector tests the check Django makes (signature text comparison), not a parser accident."""

from collections.abc import Callable

B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def payload_char(value: str) -> str:
    """Change one base64 character of the payload (after the compression dot)."""
    i = 1 if value.startswith(".") else 0
    c = value[i]
    return value[:i] + ("B" if c == "A" else "A") + value[i + 1 :]


def noncanonical_sig(value: str) -> str:
    """Flip only an unused low bit of the last signature character: the decoded digest bytes
    are unchanged, yet Django compares base64 TEXT and rejects it (docs/formats.md 1.6)."""
    last = value[-1]
    return value[:-1] + B64URL[B64URL.index(last) ^ 1]


def signature_char(value: str) -> str:
    """Change the first signature character (every bit of it is significant)."""
    head, sig = value.rsplit(":", 1)
    return f"{head}:{'B' if sig[0] == 'A' else 'A'}{sig[1:]}"


def truncated(value: str) -> str:
    return value[:-4]


def no_separator(value: str) -> str:
    return value.replace(":", "")


# tests/signing/tests.py test_unsign_detects_tampering / test_decode_detects_tampering
DJANGO_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "append_a": lambda s: s + "a",
    "first_char_a": lambda s: "a" + s[1:],
}
