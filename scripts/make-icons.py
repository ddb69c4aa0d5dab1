#!/usr/bin/env python3
"""Write public/icons/icon-{16,32,48,128}.png: a Django-green tile with a white lens.

Standard library only (zlib + struct), so the icons can be regenerated anywhere. 4x4
supersampling gives soft edges at 16 px.
"""

import struct
import zlib
from pathlib import Path

GREEN = (12, 75, 51)
LIGHT = (68, 183, 139)
WHITE = (255, 255, 255)
SAMPLES = 4


def colour_at(x: float, y: float) -> tuple[int, int, int, int]:
    """Colour of the unit-square point (x, y): tile, lens ring, handle."""
    r = 0.2  # tile corner radius
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    d = ((x - 0.43) ** 2 + (y - 0.43) ** 2) ** 0.5
    if 0.17 <= d <= 0.26:
        return (*WHITE, 255)
    if d < 0.17:
        return (*LIGHT, 255)
    # handle: a thick segment from the ring towards the bottom-right corner
    t = ((x - 0.61) + (y - 0.61)) / 2
    if 0 <= t <= 0.2 and abs((x - 0.61) - (y - 0.61)) < 0.13:
        return (*WHITE, 255)
    return (*GREEN, 255)


def pixel(px: int, py: int, size: int) -> bytes:
    acc = [0, 0, 0, 0]
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            c = colour_at((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
            for i in range(4):
                acc[i] += c[i] * c[3] if i < 3 else c[3]
    n = SAMPLES * SAMPLES
    alpha = acc[3] / n
    if alpha == 0:
        return bytes(4)
    return bytes(round(acc[i] / acc[3]) for i in range(3)) + bytes([round(alpha)])


def png(size: int) -> bytes:
    raw = b"".join(b"\x00" + b"".join(pixel(x, y, size) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(png(size))
