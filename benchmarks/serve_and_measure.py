"""Serve DacCom with gunicorn on PostgreSQL and measure every key page with wrk.

Run (after benchmarks/generate_large.py has filled the database; as root for Redmine):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/daccom_large \\
        .venv/bin/python benchmarks/serve_and_measure.py \\
        [--redmine-script benchmarks/peers/redmine-peer.sh]

What one run does, bounded in time (--max-minutes) and count:
1. Production settings (DEBUG off, a throw-away SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   the HTTPS settings off for plain HTTP on loopback) with benchmarks.bench_settings,
   which adds /bench/trivial/ for this run only; collectstatic.
2. Counts each page's queries in-process (Django's test client, CaptureQueriesContext),
   signed in as the executive member `bench`, and checks every page answers 200.
3. Optionally runs the Redmine peer script with KEEP_SERVER=1 (it installs, seeds and
   measures Redmine on 127.0.0.1:3000) and reuses its signed-in cookie.
4. Starts gunicorn (--workers 2, sync) on a free 127.0.0.1 port, signs in through the
   sign-in form, and drives each page with wrk (--threads, --connections, --duration
   after a --warmup), --repetitions times, the pages interleaved in each repetition;
   Redmine's issue list is driven in the same repetitions.
5. Stops the servers it started (by their process ids) and writes benchmarks/RESULTS.md:
   each page's req/s, median and 95th-percentile latency, queries, and ratio to the
   trivial view, with the date, machine, versions, data and exact commands.
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import secrets
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"  # the only address this script ever talks to
TRIVIAL = "trivial view"
GOAL_RATIO = 1 / 30  # each page at least 1/30 of the trivial view's req/s
QUERY_BUDGET = 15  # and at most 15 queries
REDMINE_GOAL = 5  # the task list at least 5× Redmine's issue list
REDMINE_PAGE = "Redmine issue list"
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %.0f %d %d %d\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency.mean, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--redmine-script", type=Path, help="benchmarks/peers/redmine-peer.sh"
    )
    parser.add_argument(
        "--redmine-state", type=Path, default=Path("/var/tmp/redmine-peer")
    )
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks/RESULTS.md")
    parser.add_argument("--note", default="", help="a line for RESULTS.md")
    parser.add_argument("--max-minutes", type=float, default=40)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve with Django's DummyCache: no cached figures or task rows",
    )
    return parser.parse_args(argv)


def _log(message):
    sys.stderr.write(f"[{datetime.datetime.now():%H:%M:%S}] {message}\n")
    sys.stderr.flush()


def _environment(no_cache=False):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("serve_and_measure: DATABASE_URL must point at PostgreSQL")
    if urllib.parse.urlsplit(url).hostname not in (HOST, "localhost"):
        sys.exit("serve_and_measure: the database must be on loopback")
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="benchmarks.bench_settings",
        BENCH_NO_CACHE="1" if no_cache else "0",
    )
    env.pop("BEHIND_HTTPS_PROXY", None)
    os.environ.update(env)
    return env


def _free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# -- the pages -------------------------------------------------------------------


def _pages():
    """(name, path) of every key page, on the latest (measured) programme."""
    from django.db.models import Count
    from django.urls import reverse

    from governance.models import Organisation
    from programmes.models import Objective, Programme, Task

    programme = Programme.objects.order_by("-starts_on").first()
    if programme is None:
        sys.exit("serve_and_measure: no data; run benchmarks/generate_large.py first")
    objective = (
        Objective.objects.filter(programme=programme)
        .annotate(n=Count("tasks"))
        .order_by("-n", "number")
        .first()
    )
    task = (
        Task.objects.filter(objective__programme=programme)
        .order_by("objective__number", "order")
        .first()
    )
    consortium = Organisation.objects.filter(kind=Organisation.Kind.CONSORTIUM).first()
    tasks_url = reverse("programmes:tasks", args=[programme.pk])
    pages = [
        (TRIVIAL, reverse("bench-trivial")),
        ("dashboard", reverse("programmes:dashboard")),
        ("programmes", reverse("programmes:programmes")),
        ("programme", reverse("programmes:programme", args=[programme.pk])),
        ("achievement", reverse("programmes:achievement", args=[programme.pk])),
        ("task list", tasks_url),
        ("task list, filtered", f"{tasks_url}?status=open&lead={consortium.pk}"),
        ("objective", reverse("programmes:objective", args=[objective.pk])),
        ("task", reverse("programmes:task", args=[task.pk])),
        *_later_pages(programme),
    ]
    return programme, objective, task, pages


def _later_pages(programme):
    """The capabilities that landed after the first run, on the measured programme's
    scheme and the latest finalised meeting (issue #14: the same budget for every
    capability). A page whose data generate_large.py did not build is left out."""
    from django.urls import reverse

    from commissioning.models import Proposal
    from funding.models import FundingScheme
    from governance.models import Framework, Meeting

    pages = []
    scheme = FundingScheme.objects.filter(programme=programme).first()
    if scheme is not None:
        pages += [
            ("scheme overview", reverse("funding:scheme", args=[scheme.pk])),
            ("payments to practices", reverse("funding:payments", args=[scheme.pk])),
            ("reserve ledger", reverse("reserve:ledger", args=[scheme.pk])),
            ("invoices", reverse("reserve:invoices", args=[scheme.pk])),
        ]
    meeting = Meeting.objects.filter(status=Meeting.Status.FINALISED).first()
    if meeting is not None:
        pages += [
            ("meetings", reverse("meetings:meetings")),
            ("meeting", reverse("meetings:meeting", args=[meeting.pk])),
            ("action log", reverse("meetings:actions")),
        ]
    framework = Framework.objects.first()
    if framework is not None:
        pages.append(("framework", reverse("framework:framework", args=[framework.pk])))
    if Proposal.objects.exists():
        pages.append(("proposals", reverse("commissioning:proposals")))
    pages.append(("status reports", reverse("status:list")))
    return pages


def _data_counts(programme, objective, task):
    from django.apps import apps

    from commissioning.models import Proposal
    from funding.models import FundingScheme, Invoice, Participation
    from governance.models import (
        Action,
        Meeting,
        MinuteItem,
        Organisation,
        PracticeListSize,
    )
    from programmes.models import Objective, Programme, Project, Task

    history = sum(
        m.objects.count() for m in apps.get_models() if m.__name__.startswith("Hist")
    )
    return {
        "funding schemes": FundingScheme.objects.count(),
        "participations": Participation.objects.count(),
        "invoices": Invoice.objects.count(),
        "meetings": Meeting.objects.count(),
        "minute items": MinuteItem.objects.count(),
        "actions": Action.objects.count(),
        "proposals": Proposal.objects.count(),
        "programmes": Programme.objects.count(),
        "projects": Project.objects.count(),
        "objectives": Objective.objects.count(),
        "tasks": Task.objects.count(),
        "practices": Organisation.objects.practices().count(),
        "list sizes": PracticeListSize.objects.count(),
        "history rows": history,
        "measured programme": f"{programme.name}: {programme.objectives.count()} "
        f"objectives, {Task.objects.filter(objective__programme=programme).count()} "
        "tasks",
        "objective page": f"objective {objective.number}, {objective.tasks.count()} "
        "tasks (25 a page)",
        "task page": f"task {task.pk}, {task.history.count()} history rows",
    }


def _count_queries(pages, username):
    """Queries and status of each page for `username`, through the test client."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username=username))
    counts = {}
    for name, path in pages:
        client.get(path)  # warm caches (content types, templates) as a server would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"serve_and_measure: {path} answered {response.status_code}")
        counts[name] = (len(queries), len(response.content))
    return counts


# -- servers -----------------------------------------------------------------------


def _start_gunicorn(env, port, workers, log_path):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "daccom.wsgi",
        "--chdir",
        str(ROOT),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
    ]
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the server's life)
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited; see {log_path}")
        try:
            status, _, _ = _request(port, "GET", "/accounts/login/")
            if status == 200:
                return process, command
        except OSError:
            pass
        time.sleep(0.3)
    _stop(process)
    sys.exit("gunicorn did not answer within 60 s")


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def _cookies(headers):
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def _sign_in(port, username, password):
    """The session cookie header, from the sign-in form as a browser would post it."""
    status, headers, html = _request(port, "GET", "/accounts/login/")
    csrf = _cookies(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.decode(),
            "username": username,
            "password": password,
        }
    )
    status, headers, _ = _request(
        port,
        "POST",
        "/accounts/login/",
        {
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
    )
    session = _cookies(headers).get("sessionid")
    if status != 302 or not session:
        sys.exit(f"serve_and_measure: signing in as {username} failed ({status})")
    return f"sessionid={session}; csrftoken={csrf}"


def _start_redmine(script, state, env, budget_s):
    """Run the peer script with KEEP_SERVER=1; its results table and cookie header."""
    _log(f"redmine: running {script} (KEEP_SERVER=1), up to {budget_s:.0f} s")
    started = time.monotonic()
    # Not this run's environment: Rails would take DATABASE_URL as its own database.
    env = {k: v for k, v in env.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    run = subprocess.run(
        ["bash", str(script)],
        env={**env, "KEEP_SERVER": "1", "STATE_DIR": str(state)},
        capture_output=True,
        text=True,
        timeout=budget_s,
    )
    output = run.stdout + run.stderr
    if run.returncode != 0:
        return (
            None,
            f"the peer script failed (exit {run.returncode}):\n{output[-3000:]}",
        )
    jar = (state / "cookies.txt").read_text().splitlines()
    cookie = "; ".join(
        f"{f[5]}={f[6]}"
        for line in jar
        if len(f := line.split("\t")) >= 7 and not line.startswith("# ")
    )
    took = time.monotonic() - started
    return cookie, f"(peer script took {took:.0f} s)\n\n{output.strip()}"


def _stop_redmine(state):
    pid_file = state / "puma.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().split()[0])
    _log(f"redmine: stopping puma {pid}, which the peer script started for this run")
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(60):
        if not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.5)
    pid_file.unlink(missing_ok=True)


# -- wrk -----------------------------------------------------------------------------


def _wrk(url, cookie, args, lua, seconds):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        lua,
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT"))
    requests, duration_us, errors, bad_status, mean, p50, p95, p99 = map(
        float, line.split()[1:]
    )
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": int(errors + bad_status),
        "requests": int(requests),
    }


def _measure(targets, args, deadline):
    """targets: (name, url, cookie). Each repetition drives every target in turn."""
    results = {name: [] for name, _, _ in targets}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA)
    try:
        for rep in range(1, args.repetitions + 1):
            for name, url, cookie in targets:
                if time.monotonic() + args.warmup + args.duration > deadline:
                    sys.exit("serve_and_measure: out of time (--max-minutes)")
                if args.warmup:
                    _wrk(url, cookie, args, f.name, args.warmup)
                result = _wrk(url, cookie, args, f.name, args.duration)
                results[name].append(result)
                _log(
                    f"rep {rep} {name}: {result['rps']:.1f} req/s, "
                    f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, "
                    f"errors {result['errors']}"
                )
    finally:
        os.unlink(f.name)
    return results


# -- report --------------------------------------------------------------------------


def _median(runs, key):
    return statistics.median(r[key] for r in runs)


def _versions():
    import django
    from django.db import connection

    gunicorn = subprocess.run(
        [str(Path(sys.executable).with_name("gunicorn")), "--version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    wrk_version = (wrk.stdout + wrk.stderr).splitlines()[0].split(" [")[0]
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"{gunicorn}, PostgreSQL {postgres}, {wrk_version}"
    )


def _code():
    def git(*args):
        run = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True)
        return run.stdout.decode().strip()

    # Changes to tracked files other than the results themselves.
    changed = git("status", "--porcelain", "-uno", "--", ".", ":!benchmarks/RESULTS.md")
    dirty = " (with uncommitted changes)" if changed else ""
    commit = git("rev-parse", "--short", "HEAD")
    return f"branch {git('branch', '--show-current')} at {commit}{dirty}"


def _machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    return f"{os.cpu_count()} CPUs (nproc), {model}"


def _report(ctx):
    results, queries = ctx["results"], ctx["queries"]
    trivial = _median(results[TRIVIAL], "rps")
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/serve_and_measure.py` from one run; "
        "see benchmarks/README.md to rerun. Compare ratios from one run, "
        "never absolute numbers across runs.",
        "",
        f"- Date: {ctx['started']:%Y-%m-%d %H:%M} UTC; run took {ctx['took']:.0f} s",
        f"- Code: {ctx['code']}",
        f"- Machine: {ctx['machine']}; load average {ctx['load_before']} before, "
        f"{ctx['load_after']} after (other work on the machine shares the CPUs)",
        f"- Software: {ctx['versions']}",
        f"- Server: gunicorn, {ctx['args'].workers} sync workers, DEBUG off, "
        f"PostgreSQL on 127.0.0.1, signed in as the executive member `bench`; "
        + (
            "cache off (`--no-cache`: DummyCache, every figure and row computed afresh)"
            if ctx["args"].no_cache
            else "cache on (local memory: headlines and task rows under the "
            "programme revision, so repeated requests read them from the cache)"
        ),
        f"- Load: wrk, {ctx['args'].threads} threads, {ctx['args'].connections} "
        f"connections, {ctx['args'].duration} s per page after a "
        f"{ctx['args'].warmup} s warm-up, {ctx['args'].repetitions} repetitions "
        "(pages interleaved in each); figures are the median of the repetitions",
        "- Data: "
        + "; ".join(
            f"{k}: {v:,}" if isinstance(v, int) else f"{k}: {v}"
            for k, v in ctx["data"].items()
        ),
    ]
    if ctx["args"].note:
        lines.append(f"- Note: {ctx['args'].note}")
    lines += [
        "",
        "| page | path | req/s (min–max) | median ms | p95 ms | queries | HTML KB "
        "| ÷ trivial | ≥ 1/30? | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, path in ctx["pages"]:
        runs = results[name]
        rps = _median(runs, "rps")
        ratio = rps / trivial
        q, size = queries[name]
        lines.append(
            f"| {name} | `{path}` | {rps:.1f} ({min(r['rps'] for r in runs):.1f}–"
            f"{max(r['rps'] for r in runs):.1f}) | {_median(runs, 'p50'):.0f} | "
            f"{_median(runs, 'p95'):.0f} | "
            + (f"{q}" if q <= QUERY_BUDGET else f"**{q}**")
            + f" | {size / 1024:.1f} | "
            f"1/{1 / ratio:.1f} | "
            + ("—" if name == TRIVIAL else ("yes" if ratio >= GOAL_RATIO else "**no**"))
            + f" | {sum(r['errors'] for r in runs)} |"
        )
    lines += ["", "## Redmine, in the same run", ""]
    if REDMINE_PAGE in results:
        red = results[REDMINE_PAGE]
        ours = results["task list"]
        per_rep = [
            o["rps"] / r["rps"] for o, r in zip(ours, red, strict=True) if r["rps"]
        ]
        ratio = statistics.median(per_rep)
        lines += [
            "Redmine 5.0 (Debian's package, puma 2 workers × 1 thread, PostgreSQL; "
            "80 projects, 16,000 issues, 100,000 journals), set up by "
            "`redmine-peer.sh`, driven with the same wrk settings in each "
            "repetition, between DacCom's pages.",
            "",
            "| page | path | req/s (min–max) | median ms | p95 ms | errors |",
            "| --- | --- | --- | --- | --- | --- |",
            f"| {REDMINE_PAGE} (25 rows) | `/projects/p1/issues` | "
            f"{_median(red, 'rps'):.1f} ({min(r['rps'] for r in red):.1f}–"
            f"{max(r['rps'] for r in red):.1f}) | {_median(red, 'p50'):.0f} | "
            f"{_median(red, 'p95'):.0f} | {sum(r['errors'] for r in red)} |",
            "",
            "DacCom's task list ÷ Redmine's issue list, per repetition: "
            + ", ".join(f"{x:.2f}×" for x in per_rep)
            + f"; median **{ratio:.2f}×** (goal ≥ {REDMINE_GOAL}×: "
            + ("met" if ratio >= REDMINE_GOAL else "**not met**")
            + ").",
            "",
            "The peer script's own output (its single pass over Redmine's pages, "
            "before DacCom's run):",
            "",
            "```",
            ctx["redmine_output"],
            "```",
        ]
    else:
        lines.append(ctx.get("redmine_output") or "Not measured in this run.")
    lines += [
        "",
        "## Exact commands",
        "",
        "```",
        "DATABASE_URL=… " + shlex.join([sys.executable, *sys.argv]),
        "DEBUG=0 SECRET_KEY=<random> ALLOWED_HOSTS=127.0.0.1,testserver "
        "SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 "
        "DJANGO_SETTINGS_MODULE=benchmarks.bench_settings \\",
        "    " + shlex.join(ctx["gunicorn"]),
        f"wrk -t{ctx['args'].threads} -c{ctx['args'].connections} "
        f"-d{ctx['args'].duration}s --timeout 30s -s summary.lua "
        "-H 'Cookie: sessionid=…' http://127.0.0.1:PORT/PATH",
        "```",
        "",
        "Queries: one signed-in GET of each page through Django's test client "
        "in the measuring process (after one warm-up GET), on the same database; "
        "with the cache on, that GET finds the warm-up's headlines and task rows "
        "in the cache, as wrk's requests do (a miss costs the task list 4 queries "
        "more, the dashboard and programmes list 1).",
        "",
    ]
    return "\n".join(lines)


def _previous_run(path):
    """The last run's results (without its own previous run), headings one level
    down, to keep below the new ones: the before of every after."""
    if not path.exists():
        return ""
    text = path.read_text().split("\n## Previous run", 1)[0]
    lines = text.strip().splitlines()
    date = next((x[len("- Date: ") :] for x in lines if x.startswith("- Date: ")), "")
    body = [
        ("#" + x if x.startswith("#") else x)
        for x in lines
        if not x.startswith("# Benchmark results")
    ]
    heading = f"## Previous run ({date.split(';')[0]})" if date else "## Previous run"
    return "\n\n" + heading + "\n\n" + "\n".join(body) + "\n"


def main(argv=None):
    args = _parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    clock = time.monotonic()
    deadline = clock + args.max_minutes * 60
    original_env = dict(os.environ)
    env = _environment(args.no_cache)
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.generate_large import BENCH_PASSWORD, BENCH_USERNAME

    code = _code()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    call_command("collectstatic", interactive=False, verbosity=0)
    programme, objective, task, pages = _pages()
    _log(f"measuring {programme.name}: {len(pages)} pages")
    queries = _count_queries(pages, BENCH_USERNAME)
    data = _data_counts(programme, objective, task)

    redmine_cookie, redmine_output = None, None
    gunicorn = None
    try:
        if args.redmine_script:
            redmine_cookie, redmine_output = _start_redmine(
                args.redmine_script.resolve(),
                args.redmine_state,
                original_env,
                min(20 * 60, deadline - time.monotonic() - 60),
            )
        port = _free_port()
        log_path = Path(tempfile.gettempdir()) / f"daccom-bench-gunicorn-{port}.log"
        gunicorn, gunicorn_command = _start_gunicorn(env, port, args.workers, log_path)
        cookie = _sign_in(port, BENCH_USERNAME, BENCH_PASSWORD)
        for name, path in pages:
            status, _, body = _request(port, "GET", path, {"Cookie": cookie})
            if status != 200 or (name != TRIVIAL and b"Bench Runner" not in body):
                sys.exit(f"serve_and_measure: {path} is not a signed-in 200 ({status})")
        targets = [
            (name, f"http://{HOST}:{port}{path}", cookie) for name, path in pages
        ]
        if redmine_cookie:
            targets.append(
                (REDMINE_PAGE, f"http://{HOST}:3000/projects/p1/issues", redmine_cookie)
            )
        _log(f"wrk against 127.0.0.1:{port}, {args.repetitions} repetitions")
        results = _measure(targets, args, deadline)
    finally:
        if gunicorn is not None:
            _stop(gunicorn)
        if args.redmine_script:
            _stop_redmine(args.redmine_state)

    report = _report(
        {
            "args": args,
            "started": started,
            "took": time.monotonic() - clock,
            "machine": _machine(),
            "code": code,
            "load_before": load_before,
            "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "versions": _versions(),
            "data": data,
            "pages": pages,
            "queries": queries,
            "results": results,
            "redmine_output": redmine_output,
            "gunicorn": gunicorn_command,
        }
    )
    args.results.write_text(report + _previous_run(args.results))
    _log(f"wrote {args.results}")


if __name__ == "__main__":
    main()
