// Real Django reads back a signed value made outside it — signing.loads, the signed_cookies
// SessionStore.load(), get_signed_cookie, CookieStorage — and writes the same input itself at the
// same instant (time.time() patched), for byte comparisons. Shared by the CLI's `sign` test and
// the panel's re-signing test: whoever signs, Django is the judge.
import { execFileSync } from 'node:child_process';
import { venvPython } from '../python';

export interface SignedCase {
  id: string;
  kind: 'signing' | 'session-cookie' | 'signed-cookie' | 'messages';
  /** The input as JSON (a JSON string for signed-cookie, a list of messages for messages). */
  json: string;
  salt?: string;
  name?: string;
  algorithm?: 'sha1';
  compress?: boolean;
  legacy?: boolean;
}

export interface DjangoReadBack {
  django: string;
  cases: Record<string, { equal: boolean; loaded?: string; error?: string; written: string }>;
}

/** Reads each value back with Django and signs the same input itself at NOW. */
const HARNESS = `
import json, sys
from unittest import mock
from django.conf import settings
settings.configure(SECRET_KEY=sys.argv[1], INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages"])
import django
django.setup()
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage

KEY, NOW = sys.argv[1], float(sys.argv[2])

def messages_of(obj):
    return [(m["level"], m["message"], m.get("extra_tags", "")) for m in obj]

def read(case, obj):
    kind, value, salt = case["kind"], case["value"], case.get("salt")
    if kind == "signing":
        if case.get("algorithm"):
            signer = signing.TimestampSigner(key=KEY, salt=salt or "django.core.signing", algorithm=case["algorithm"])
            return signer.unsign_object(value), obj
        return signing.loads(value, key=KEY, salt=salt or "django.core.signing"), obj
    if kind == "session-cookie":
        return SessionStore(session_key=value).load(), obj
    request = HttpRequest()
    if kind == "signed-cookie":
        request.COOKIES[case["name"]] = value
        return request.get_signed_cookie(case["name"], salt=salt or ""), obj
    request.COOKIES["messages"] = value
    return [(m.level, m.message, m.extra_tags) for m in CookieStorage(request)], messages_of(obj)

def write(case, obj):
    kind, salt = case["kind"], case.get("salt")
    with mock.patch("time.time", return_value=NOW):
        if kind == "signing":
            signer = signing.TimestampSigner(key=KEY, salt=salt or "django.core.signing", algorithm=case.get("algorithm"))
            return signer.sign_object(obj, compress=case.get("compress", False))
        if kind == "session-cookie":
            store = SessionStore()
            store.update(obj)
            return store._get_session_key()
        if kind == "signed-cookie":
            response = HttpResponse()
            response.set_signed_cookie(case["name"], obj, salt=salt or "")
            return response.cookies[case["name"]].value
        storage = CookieStorage(HttpRequest())
        return storage._encode([Message(*m) for m in messages_of(obj)])

out = {"django": django.get_version(), "cases": {}}
for case in json.load(sys.stdin):
    obj = json.loads(case["json"])
    try:
        loaded, expected = read(case, obj)
        result = {"equal": loaded == expected, "loaded": repr(loaded)}
    except Exception as error:
        result = {"equal": False, "error": type(error).__name__}
    result["written"] = write(case, obj)
    out["cases"][case["id"]] = result
print(json.dumps(out))

`;

/** Runs the harness with the Python of `venv` (.venv, .venv-dj42…: test/python.ts). */
export function djangoReadsBack(
  venv: string,
  key: string,
  now: number,
  cases: ReadonlyArray<SignedCase & { value: string }>,
): DjangoReadBack {
  const out = execFileSync(venvPython(venv), ['-c', HARNESS, key, String(now)], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  return JSON.parse(out) as DjangoReadBack;
}
