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
