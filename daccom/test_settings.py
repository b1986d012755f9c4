"""Settings for the test suite: the real settings, with a test key and a fast hasher."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# SQLite unless CI names PostgreSQL; the test database itself is in memory.
_VAR = Path(__file__).resolve().parent.parent / "var"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_VAR / 'test.sqlite3'}")

from daccom.settings import *  # noqa: E402, F403

# A concrete issued document to test core.documents with.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.core_testapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_ENABLED = True
# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Background tasks run at once, inside the request; tests of the queue say otherwise.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
