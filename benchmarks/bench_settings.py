"""Settings for a benchmark run only: the site's settings, plus a trivial view
(benchmarks/bench_urls.py) to measure every page against. Never deployed."""

import os

from daccom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"

# --no-cache: every page computed afresh, nothing from the cache (DummyCache), to
# see what the cached figures and task rows buy.
if os.environ.get("BENCH_NO_CACHE") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
