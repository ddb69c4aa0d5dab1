from __future__ import annotations

from typing import Any

import pytest
from django.core.checks import run_checks


def ids() -> list[str]:
    found = [m.id or "" for m in run_checks(include_deployment_checks=False)]
    return sorted(i for i in found if i.startswith("sessionlens"))


def test_quiet_in_development(settings: Any) -> None:
    assert ids() == []


def test_w001_enabled_while_debug_off_and_w002_without_token(settings: Any) -> None:
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True}
    assert ids() == ["sessionlens.W001", "sessionlens.W002"]


def test_w002_silenced_by_a_token(settings: Any) -> None:
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "TOKEN": "a-long-random-token"}
    assert ids() == ["sessionlens.W001"]


def test_default_is_off_without_debug(settings: Any) -> None:
    settings.DEBUG = False
    assert ids() == []


def test_e001_bad_values(settings: Any) -> None:
    settings.SESSIONLENS = {
        "ALLOWED_ORIGINS": "chrome-extension://*",
        "MAX_KEY_LENGTH": 0,
        "TOKNE": "x",
        "TOKEN": 5,
    }
    assert ids() == ["sessionlens.E001"] * 4


def test_e002_callback_not_importable(settings: Any) -> None:
    settings.SESSIONLENS = {"SHOW_SESSION_CALLBACK": "no.such.callback"}
    assert ids() == ["sessionlens.E002"]


@pytest.mark.parametrize(
    "origins",
    [["chrome-extension://*/*"], ["chrome-extension://x/../../evil"], ["*"], [5], "moz-extension://*"],
)
def test_e001_origin_patterns_name_a_scheme_and_host_only(settings: Any, origins: Any) -> None:
    settings.SESSIONLENS = {"ALLOWED_ORIGINS": origins}
    assert ids() == ["sessionlens.E001"]


def test_e001_allowed_hosts_is_a_list(settings: Any) -> None:
    settings.SESSIONLENS = {"ALLOWED_HOSTS": "staging.example"}
    assert ids() == ["sessionlens.E001"]


def test_w003_writes_allowed_while_debug_off(settings: Any) -> None:
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "TOKEN": "a-long-random-token", "ALLOW_WRITES": True}
    assert ids() == ["sessionlens.W001", "sessionlens.W003"]
    settings.SESSIONLENS = {"ENABLED": True, "TOKEN": "a-long-random-token"}  # None follows DEBUG
    assert ids() == ["sessionlens.W001"]


def test_e001_allow_writes_is_a_bool_or_none(settings: Any) -> None:
    settings.SESSIONLENS = {"ALLOW_WRITES": "yes"}
    assert ids() == ["sessionlens.E001"]
    settings.SESSIONLENS = {"ALLOW_WRITES": False}
    assert ids() == []


TIMELINE = "sessionlens.middleware.SessionTimelineMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}


def timeline_at(settings: Any, where: str) -> None:
    others = [m for m in settings.MIDDLEWARE if m != TIMELINE]
    after = others.index(SESSION_MIDDLEWARE) + 1
    settings.MIDDLEWARE = (
        [TIMELINE, *others] if where == "before" else [*others[:after], TIMELINE, *others[after:]]
    )


def test_timeline_before_session_middleware_on_a_shared_cache_is_quiet(settings: Any) -> None:
    timeline_at(settings, "before")
    settings.CACHES = {"default": REDIS}  # a check never connects: no server is needed
    assert ids() == []


def test_w004_timeline_after_session_middleware(settings: Any) -> None:
    timeline_at(settings, "after")
    settings.CACHES = {"default": REDIS}
    assert ids() == ["sessionlens.W004"]


def test_w005_dummy_cache_records_nothing(settings: Any) -> None:
    timeline_at(settings, "before")
    settings.CACHES = {"default": REDIS, "none": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.SESSIONLENS = {"TIMELINE_CACHE": "none"}
    assert ids() == ["sessionlens.W005"]


def test_w006_locmem_is_per_process(settings: Any) -> None:
    timeline_at(settings, "before")  # the suite's default cache is a LocMemCache
    assert ids() == ["sessionlens.W006"]


def test_timeline_checks_need_the_middleware_and_the_timeline_on(settings: Any) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert ids() == []  # not installed: nothing to warn about
    timeline_at(settings, "after")
    settings.SESSIONLENS = {"TIMELINE": False}
    assert ids() == []


@pytest.mark.parametrize(
    "config",
    [
        {"TIMELINE": "yes"},
        {"TIMELINE_CACHE": "no-such-alias"},
        {"TIMELINE_CACHE": None},
        {"TIMELINE_TTL": 0},
        {"TIMELINE_TTL": True},
        {"TIMELINE_MAX_BYTES": "262144"},
    ],
)
def test_e001_timeline_values(settings: Any, config: dict[str, Any]) -> None:
    timeline_at(settings, "before")
    settings.CACHES = {"default": REDIS}
    settings.SESSIONLENS = config
    assert ids() == ["sessionlens.E001"]
