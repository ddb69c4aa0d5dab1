"""The Python baseline for `check-keys`: a plain hmac loop doing Django's salted_hmac check.

`python hmac_loop.py VALUE WORDLIST SALT`: for each candidate key, in order, what
Signer(key, salt=SALT).unsign(VALUE) computes (django/utils/crypto.py salted_hmac with sha256,
then b64_encode and constant_time_compare), stopping at the first key that signs VALUE. It knows
the salt and the algorithm (the bench tells it), so it does one HMAC per candidate: the fastest
honest Python loop, which `sessionlens check-keys` has to beat without being told either.
"""

import base64
import hashlib
import hmac
import sys

value, wordlist, salt = sys.argv[1:4]
signed, signature = value.rsplit(":", 1)
message = signed.encode()
expected = signature.encode()
key_salt = (salt + "signer").encode()
tried = 0
with open(wordlist, encoding="utf-8") as f:
    for line in f:
        key = line.rstrip("\n")
        if not key or key.startswith("#"):
            continue
        tried += 1
        derived = hashlib.sha256(key_salt + key.encode()).digest()
        mac = hmac.new(derived, msg=message, digestmod=hashlib.sha256).digest()
        if hmac.compare_digest(base64.urlsafe_b64encode(mac).rstrip(b"="), expected):
            print(f"found at {tried}: {key}")
            break
    else:
        print(f"none of {tried} keys")
