"""Settings for a benchmark run only: the site's settings, plus a trivial view
(benchmarks/bench_urls.py) to measure every page against. Never deployed."""

from daccom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
