"""Settings that matter once the site is on a network (#12: 8, 11)."""

import subprocess
import sys

from django.conf import settings


def _settings_in_fresh_python(env, expression):
    code = f"import daccom.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_debug_off_without_a_database_url_refuses_to_start():
    result = _settings_in_fresh_python(
        {"SECRET_KEY": "x"}, "s.DATABASES['default']['ENGINE']"
    )
    assert result.returncode != 0
    assert "DATABASE_URL is required when DEBUG is off" in result.stderr


def test_sqlite_in_production_only_when_asked_for_by_name():
    result = _settings_in_fresh_python(
        {"SECRET_KEY": "x", "DATABASE_URL": "sqlite:////tmp/daccom.sqlite3"},
        "s.DATABASES['default']['ENGINE']",
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_dropped_connections_are_checked_before_use():
    result = _settings_in_fresh_python(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgres://u@localhost/daccom"},
        "s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.DATABASES['default']['CONN_MAX_AGE']",
    )
    assert result.stdout.split() == ["True", "60"]


def test_the_idle_limit_is_configurable():
    result = _settings_in_fresh_python(
        {"DEBUG": "1", "SESSION_IDLE_MINUTES": "30"}, "s.SESSION_COOKIE_AGE"
    )
    assert result.stdout.strip() == "1800"
