"""Writes a validly signed signed_cookies session whose payload inflates to 1 GiB, for `make bench`.

`python bomb.py KEY OUT`: the JSON `{"blob":"aaa…"}` (1 GiB) is deflated in chunks (never held
whole), then signed exactly as sign_object signs a compressed payload: `"." + b64_encode(zlib)`
through Django's own TimestampSigner with the signed_cookies salt.
"""

import sys
import zlib

from django.conf import settings
from django.core.signing import TimestampSigner, b64_encode  # reads settings when called, not imported

key, out = sys.argv[1:3]
settings.configure(SECRET_KEY=key)

GIB = 1 << 30
chunk = b"a" * (1 << 20)
deflate = zlib.compressobj()
parts = [deflate.compress(b'{"blob":"')]
body = GIB - len(b'{"blob":"') - len(b'"}')
for _ in range(body // len(chunk)):
    parts.append(deflate.compress(chunk))
parts.append(deflate.compress(b"a" * (body % len(chunk)) + b'"}'))
parts.append(deflate.flush())
compressed = b"".join(parts)
signer = TimestampSigner(salt="django.contrib.sessions.backends.signed_cookies")
with open(out, "w") as f:
    f.write(signer.sign("." + b64_encode(compressed).decode()))
