"""The matrix runs this suite on SQLite and on PostgreSQL: make sure each run is on the one it names."""

import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_given() -> None:
    wanted = "postgresql" if os.environ.get("SESSIONLENS_TEST_DATABASE_URL") else "sqlite"
    assert connection.vendor == wanted
