import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from daccom.settings import env_bool, env_list


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def _settings_in_fresh_python(env):
    code = "import daccom.settings as s; print(s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_a_secret_key_is_required_when_debug_is_off():
    result = _settings_in_fresh_python({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_database_url_chooses_postgresql():
    result = _settings_in_fresh_python(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgres://u@localhost:5432/daccom"}
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_the_default():
    result = _settings_in_fresh_python({"DEBUG": "1"})
    assert result.stdout.strip() == "django.db.backends.sqlite3"
