"""The production environment README.md documents passes Django's deployment checks."""

import json
import subprocess
import sys

from django.conf import settings

# As README.md ("Running on PostgreSQL, and in production") and .env.example give it.
# No connection is made: the checks only read settings.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-string-for-the-deploy-check-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "daccom.example",
    "DATABASE_URL": "postgres://daccom@db.example:5432/daccom",
    "BEHIND_HTTPS_PROXY": "1",
    "CSRF_TRUSTED_ORIGINS": "https://daccom.example",
}


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(env, *names):
    code = (
        "import json, daccom.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}))"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_the_documented_production_environment():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""


def test_https_is_on_by_default_when_debug_is_off():
    values = _settings(
        PRODUCTION_ENV,
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )

    assert values == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://daccom.example"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_the_forwarded_proto_header_is_trusted_only_when_asked():
    env = {**PRODUCTION_ENV}
    del env["BEHIND_HTTPS_PROXY"]

    assert _settings(env, "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": None
    }


def test_plain_http_can_be_chosen_explicitly():
    env = {
        **PRODUCTION_ENV,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
    }

    assert _settings(
        env,
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
    ) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False,
    }


def test_https_is_off_in_development():
    assert _settings({"DEBUG": "1"}, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_a_non_numeric_hsts_age_fails_loudly():
    result = _run(
        ["-c", "import daccom.settings"],
        {**PRODUCTION_ENV, "SECURE_HSTS_SECONDS": "a year"},
    )

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr
