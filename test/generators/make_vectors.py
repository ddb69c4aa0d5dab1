"""Write test/vectors/<group>.<django-version>.json and test/vectors/fixtures/<name>.<django-version>.json
with the Django this interpreter imports.

    .venv-dj32/bin/python test/generators/make_vectors.py --out test/vectors

scripts/vectors.sh runs it once per Django (3.2, 4.2, 5.2). Every value is made by real Django
under a frozen clock, and every `expect` comes from what Django's own reader then did with it.
A group is a list of decode vectors (test/vectors/README.md); a fixture is the named values one
unit test reads, written only under the Djangos that make something of their own for it.
"""

import argparse
import json
import platform
import sys
import warnings
from pathlib import Path

import django
from django.conf import settings
from vectorlib import KEY_A

GENERATOR = "test/generators/make_vectors.py"


def configure() -> None:
    settings.configure(
        SECRET_KEY=KEY_A,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "django.contrib.messages",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        USE_TZ=True,
    )
    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    # Deprecation warnings of 3.2/4.2 (DEFAULT_HASHING_ALGORITHM, PickleSerializer) are expected.
    warnings.simplefilter("ignore")
    configure()

    import fixture_cookie_header
    import fixture_django_cookies
    import fixture_django_values
    import fixture_panel_values
    import fixture_pickles
    import group_expiry
    import group_hostile
    import group_messages
    import group_opaque
    import group_sessions
    import group_signed_cookie
    import group_signing

    groups = {
        "signing": group_signing.vectors,
        "session-cookie": group_sessions.cookie_vectors,
        "session-data": group_sessions.data_vectors,
        "signed-cookie": group_signed_cookie.vectors,
        "messages": group_messages.vectors,
        "hostile": group_hostile.vectors,
        "expiry": group_expiry.vectors,
        "opaque": group_opaque.vectors,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    version = django.get_version()
    for group, make in groups.items():
        items = [v.to_json(group) for v in make()]
        ids = [item["id"] for item in items]
        if len(ids) != len(set(ids)):
            raise SystemExit(f"duplicate vector ids in {group}")
        doc = {
            "generator": GENERATOR,
            "django": version,
            "python": platform.python_version(),
            "group": group,
            "vectors": items,
        }
        path = args.out / f"{group}.{version}.json"
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n", encoding="ascii")
        print(f"{path}: {len(items)} vectors", file=sys.stderr)

    fixtures = {
        "cookie-header": fixture_cookie_header.fixture,
        "django-cookies": fixture_django_cookies.fixture,
        "django-values": fixture_django_values.fixture,
        "panel-values": fixture_panel_values.fixture,
        "pickles": fixture_pickles.fixture,
    }
    (args.out / "fixtures").mkdir(exist_ok=True)
    for name, make_fixture in fixtures.items():
        body = make_fixture()
        if body is None:
            continue
        doc = {"generator": GENERATOR, "django": version, "python": platform.python_version()}
        doc.update(fixture=name, **body)
        path = args.out / "fixtures" / f"{name}.{version}.json"
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n", encoding="ascii")
        print(f"{path}: fixture", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
