"""Production settings refuse to start unsafely (checked in a fresh interpreter)."""

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 20 + "e" * 20 + "y" * 20 + "s0123"


def _start(**env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "OPENHROMADA_ENV")
    }
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); print('started')",
        ],
        env={**environment, "DJANGO_SETTINGS_MODULE": "openhromada.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OPENHROMADA_ENV": "production"}, "SECRET_KEY"),
        ({"OPENHROMADA_ENV": "production", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"OPENHROMADA_ENV": "production", "SECRET_KEY": GOOD_KEY, "DEBUG": "1"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start(env, message):
    result = _start(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_key():
    result = _start(OPENHROMADA_ENV="production", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_serve_defaults_to_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "OPENHROMADA_ENV")}
    result = subprocess.run(
        [sys.executable, "-m", "openhromada", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
