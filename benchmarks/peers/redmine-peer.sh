#!/usr/bin/env bash
# redmine-peer.sh — measure the peer product Redmine (Debian package, 5.0.x) on this machine.
#
# What it does, each step skipped when already done (the script is rerunnable):
#   1. apt: installs redmine, redmine-pgsql, puma and wrk from Debian (no recommends, so no
#      passenger/apache).  dbconfig-common is preseeded off; we write database.yml ourselves.
#   2. PostgreSQL (127.0.0.1:5432, trust): role + database redmine_peer, migrations, Redmine's
#      default data (en), then redmine-seed.rb (beside this script) via `rails runner`: 80 public projects,
#      16,000 issues, 100,000 journal rows, 12 users (sign-in user "bench").  Every run then
#      does VACUUM (ANALYZE) on that database (autovacuum is off on this server).
#   3. Starts Redmine in production with puma, cluster mode, 2 workers x 1 thread (the analogue
#      of gunicorn with 2 sync workers), bound to 127.0.0.1:3000, in the background with setsid;
#      its PID goes to $STATE_DIR/puma.pid.  Waits until /login answers 200.
#   4. Signs in as "bench" (a Developer member, not admin) to get a session cookie, checks every
#      measured URL answers the expected status, then for each page: wrk warm-up, then wrk
#      (2 threads, 8 connections, 10 s) against 127.0.0.1 only.
#   5. Prints a results table (also written to $STATE_DIR/results.tsv) and stops the server it
#      started, by the recorded PID (never by name).
#
# Usage:  bash benchmarks/peers/redmine-peer.sh   (from the project root)
# Knobs (environment): DURATION=10s WARMUP=3s CONNECTIONS=8 WRK_THREADS=2 PUMA_WORKERS=2
#   PUMA_THREADS=1 PORT=3000 STATE_DIR=/var/tmp/redmine-peer KEEP_SERVER=1 (leave it running;
#   stop later with: kill -TERM "$(cat /var/tmp/redmine-peer/puma.pid)")
#
# Known Debian 12 problem handled here: the ruby3.1 3.1.7 security update ships bundler 2.3.27
# as a default gem, which lacks Debian's rubygems-integration patch and fails with
# "Could not find racc-1.6.2.gem for installation" (redmine's postinst dies).  Debian's own
# ruby-bundler (2.3.15, patched) works, so BUNDLER_VERSION is pinned to it for every
# bundler call, including apt's maintainer scripts.
set -euo pipefail

HOST=127.0.0.1                       # the only network target, ever
PORT=${PORT:-3000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
PUMA_WORKERS=${PUMA_WORKERS:-2}
PUMA_THREADS=${PUMA_THREADS:-1}
STATE_DIR=${STATE_DIR:-/var/tmp/redmine-peer}
KEEP_SERVER=${KEEP_SERVER:-0}
DB_NAME=redmine_peer
DB_USER=redmine_peer
PGHOST=127.0.0.1 PGPORT=5432
BENCH_LOGIN=bench
BENCH_PASSWORD=bench-peer-2024
SEED_PROJECTS=80 SEED_ISSUES_PER_PROJECT=200 SEED_USERS=12 SEED_JOURNALS=100000
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SEED_RB="$HERE/redmine-seed.rb"
RM_DIR=/usr/share/redmine
BASE="http://$HOST:$PORT"
export DEBIAN_FRONTEND=noninteractive

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
[ -f "$SEED_RB" ] || { echo "missing $SEED_RB" >&2; exit 1; }
mkdir -p "$STATE_DIR"
chmod 755 "$STATE_DIR"
T0=$(date +%s)
log() { printf '[%s +%3ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - T0 ))" "$*"; }
psql_admin() { psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
psql_db()    { psql -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB_NAME" -v ON_ERROR_STOP=1 -Atq "$@"; }

# ---------------------------------------------------------------------------------------------
# 1. packages
# ---------------------------------------------------------------------------------------------
pkg_ok() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
debian_bundler_version() {
  local f
  f=$(ls /usr/share/rubygems-integration/all/specifications/bundler-*.gemspec 2>/dev/null | sort -V | tail -1)
  [ -n "$f" ] && basename "$f" .gemspec | sed 's/^bundler-//'
}
t_install=$(date +%s)
if pkg_ok redmine && pkg_ok redmine-pgsql && pkg_ok puma && pkg_ok wrk; then
  log "packages: redmine $(dpkg-query -W -f='${Version}' redmine), puma, wrk already installed — skip"
else
  log "packages: installing redmine redmine-pgsql puma wrk (apt, no recommends)"
  echo "redmine redmine/instances/default/dbconfig-install boolean false" | debconf-set-selections
  apt-get update -qq
  # Version of Debian's ruby-bundler that this transaction will use: the installed one, else
  # apt's candidate ("2.3.15-2+deb12u1" -> "2.3.15"); exported so redmine's postinst uses it.
  BUNDLER_VERSION=$(debian_bundler_version || true)
  if [ -z "$BUNDLER_VERSION" ]; then
    BUNDLER_VERSION=$(apt-cache policy ruby-bundler | awk '/Candidate:/ {print $2}' | sed -E 's/^[0-9]+://; s/-[^-]*$//')
  fi
  export BUNDLER_VERSION
  log "packages: pinning BUNDLER_VERSION=$BUNDLER_VERSION (Debian's patched bundler) for the maintainer scripts"
  if ! apt-get install -y -q --no-install-recommends redmine redmine-pgsql puma wrk >"$STATE_DIR/apt.log" 2>&1; then
    log "packages: apt reported an error, retrying the configure step (see $STATE_DIR/apt.log)"
    dpkg --configure -a >>"$STATE_DIR/apt.log" 2>&1 || true
  fi
  pkg_ok redmine || { tail -40 "$STATE_DIR/apt.log"; echo "redmine did not install" >&2; exit 1; }
  log "packages: installed redmine $(dpkg-query -W -f='${Version}' redmine), puma $(dpkg-query -W -f='${Version}' puma), wrk $(dpkg-query -W -f='${Version}' wrk)"
fi
BUNDLER_VERSION=$(debian_bundler_version); export BUNDLER_VERSION
t_install=$(( $(date +%s) - t_install ))

# Commands run as www-data (the owner of Redmine's log/tmp/files dirs in the Debian layout).
# setpriv execs in place (no extra process), so a PID taken with $! is the program itself.
RM_ENV=(env HOME=/tmp BUNDLER_VERSION="$BUNDLER_VERSION" REDMINE_INSTANCE=default RAILS_ENV=production)
as_www() { (cd "$RM_DIR" && setpriv --reuid=www-data --regid=www-data --init-groups "${RM_ENV[@]}" "$@"); }

# ---------------------------------------------------------------------------------------------
# 2. database
# ---------------------------------------------------------------------------------------------
t_data=$(date +%s)
if [ -z "$(psql_admin -c "select 1 from pg_roles where rolname='$DB_USER'")" ]; then
  log "db: creating role $DB_USER"; psql_admin -c "create role $DB_USER login"
fi
if [ -z "$(psql_admin -c "select 1 from pg_database where datname='$DB_NAME'")" ]; then
  log "db: creating database $DB_NAME"
  psql_admin -c "create database $DB_NAME owner $DB_USER encoding 'UTF8' template template0"
fi
DBYML=/etc/redmine/default/database.yml
want_yml="production:
  adapter: postgresql
  database: $DB_NAME
  host: $PGHOST
  port: $PGPORT
  username: $DB_USER
  encoding: utf8
  pool: 5"
if [ "$(cat "$DBYML" 2>/dev/null)" != "$want_yml" ]; then
  log "db: writing $DBYML"
  mkdir -p /etc/redmine/default
  printf '%s\n' "$want_yml" >"$DBYML"
  chown root:www-data "$DBYML"; chmod 640 "$DBYML"
fi
n_trackers=$(psql_db -c "select count(*) from trackers" 2>/dev/null || echo 0)
if [ "$n_trackers" = 0 ]; then
  log "db: migrating (rake db:migrate) and loading default data (en)"
  as_www SCHEMA=/dev/null bundle exec rake db:migrate redmine:plugins:migrate >"$STATE_DIR/migrate.log" 2>&1 \
    || { tail -30 "$STATE_DIR/migrate.log"; exit 1; }
  as_www REDMINE_LANG=en bundle exec rake redmine:load_default_data >>"$STATE_DIR/migrate.log" 2>&1 \
    || { tail -30 "$STATE_DIR/migrate.log"; exit 1; }
else
  log "db: schema and default data present ($n_trackers trackers) — skip"
fi
want_issues=$(( SEED_PROJECTS * SEED_ISSUES_PER_PROJECT ))
have_issues=$(psql_db -c "select count(*) from issues")
if [ "$have_issues" != "$want_issues" ] || [ -z "$(psql_db -c "select 1 from projects where identifier='p1'")" ]; then
  log "data: seeding via rails runner $(basename "$SEED_RB") (found $have_issues issues, want $want_issues)"
  cp "$SEED_RB" "$STATE_DIR/redmine-seed.rb"; chmod 644 "$STATE_DIR/redmine-seed.rb"
  as_www SEED_PROJECTS=$SEED_PROJECTS SEED_ISSUES_PER_PROJECT=$SEED_ISSUES_PER_PROJECT SEED_USERS=$SEED_USERS \
         SEED_JOURNALS=$SEED_JOURNALS BENCH_LOGIN=$BENCH_LOGIN BENCH_PASSWORD=$BENCH_PASSWORD \
         bundle exec rails runner "$STATE_DIR/redmine-seed.rb" 2>&1 | tee "$STATE_DIR/seed.log" | grep '^seed:' \
    || { tail -30 "$STATE_DIR/seed.log"; exit 1; }
else
  log "data: $have_issues issues already present — skip seeding"
fi
t_data=$(( $(date +%s) - t_data ))
# This PostgreSQL runs with autovacuum off: vacuum once per run so that hint bits, the
# visibility map and statistics are settled and every run measures the same database state.
t_vac=$(date +%s)
psql_db -c "VACUUM (ANALYZE)"
log "db: VACUUM (ANALYZE) on $DB_NAME done in $(( $(date +%s) - t_vac ))s"
counts=$(psql_db -F' ' -c "select (select count(*) from projects), (select count(*) from issues), (select count(*) from journals), (select count(*) from users where type='User')")
read -r n_projects n_issues n_journals n_users <<<"$counts"
P1_ID=$(psql_db -c "select id from projects where identifier='p1'")
ISSUE_ID=$(psql_db -c "select min(id) from issues where project_id=$P1_ID")
P1_OPEN=$(psql_db -c "select count(*) from issues i join issue_statuses s on s.id=i.status_id where i.project_id=$P1_ID and not s.is_closed")
ISSUE_JOURNALS=$(psql_db -c "select count(*) from journals where journalized_type='Issue' and journalized_id=$ISSUE_ID")

# ---------------------------------------------------------------------------------------------
# 3. server
# ---------------------------------------------------------------------------------------------
PIDFILE="$STATE_DIR/puma.pid"
proc_start() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }
ours_alive() {   # is the PID recorded in $PIDFILE still the puma we started?
  [ -f "$PIDFILE" ] || return 1
  local pid st; read -r pid st <"$PIDFILE" || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(proc_start "$pid")" = "$st" ]
}
stop_ours() {
  ours_alive || { rm -f "$PIDFILE"; return 0; }
  local pid st; read -r pid st <"$PIDFILE"
  log "server: stopping puma master PID $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do ours_alive || break; sleep 0.5; done
  if ours_alive; then
    log "server: PID $pid still alive after 30 s, SIGKILL to its process group"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PIDFILE"
}
port_busy() { ss -Hltn "sport = :$PORT" | grep -q .; }

if ours_alive; then
  log "server: a puma from an earlier run of this script is still up — stopping it first"
  stop_ours
fi
if port_busy; then
  echo "port $HOST:$PORT is in use by something this script did not start; not touching it" >&2
  ss -ltnp "sport = :$PORT" >&2 || true
  exit 1
fi
STARTED=0
cleanup() { if [ "$STARTED" = 1 ] && [ "$KEEP_SERVER" != 1 ]; then stop_ours; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t_boot=$(date +%s)
log "server: starting puma $PUMA_WORKERS workers x $PUMA_THREADS thread(s) on $HOST:$PORT (production)"
: >"$STATE_DIR/puma.log"
cd "$RM_DIR"
setsid setpriv --reuid=www-data --regid=www-data --init-groups "${RM_ENV[@]}" \
  puma --environment production --workers "$PUMA_WORKERS" --threads "$PUMA_THREADS:$PUMA_THREADS" \
       --bind "tcp://$HOST:$PORT" config.ru >>"$STATE_DIR/puma.log" 2>&1 </dev/null &
PID=$!
cd - >/dev/null
sleep 0.2
echo "$PID $(proc_start "$PID")" >"$PIDFILE"
STARTED=1
ok=0
for _ in $(seq 1 240); do
  ours_alive || { tail -30 "$STATE_DIR/puma.log"; echo "puma exited during start" >&2; exit 1; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/login" || true)" = 200 ]; then ok=1; break; fi
  sleep 0.5
done
[ "$ok" = 1 ] || { tail -30 "$STATE_DIR/puma.log"; echo "Redmine did not answer within 120 s" >&2; exit 1; }
t_boot=$(( $(date +%s) - t_boot ))
nworkers=$(ps -o pid= --ppid "$PID" | wc -l)
log "server: up in ${t_boot}s — puma master PID $PID (recorded in $PIDFILE), $nworkers worker processes"

# ---------------------------------------------------------------------------------------------
# 4. sign in, check the pages, measure
# ---------------------------------------------------------------------------------------------
JAR="$STATE_DIR/cookies.txt"; rm -f "$JAR"
curl -s -c "$JAR" -o "$STATE_DIR/login.html" "$BASE/login"
token=$(grep -o -m1 'name="authenticity_token" value="[^"]*"' "$STATE_DIR/login.html" | sed 's/.*value="//; s/"$//')
code=$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "authenticity_token=$token" \
       --data-urlencode "username=$BENCH_LOGIN" --data-urlencode "password=$BENCH_PASSWORD" "$BASE/login")
COOKIE=$(awk -F'\t' 'NF>=7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$JAR")
[ "$code" = 302 ] && [ -n "$COOKIE" ] || { echo "sign-in as $BENCH_LOGIN failed (HTTP $code)" >&2; exit 1; }
curl -s -H "Cookie: $COOKIE" -o "$STATE_DIR/list.html" "$BASE/projects/p1/issues"
if ! grep -q "Logged in as" "$STATE_DIR/list.html"; then
  echo "session cookie does not sign in" >&2; exit 1
fi
LIST_ROWS=$(grep -c '<tr id="issue-' "$STATE_DIR/list.html" || true)
[ "$LIST_ROWS" = 25 ] || { echo "issue list shows $LIST_ROWS rows, expected 25" >&2; exit 1; }
log "auth: signed in as $BENCH_LOGIN (Developer in every project, not admin); issue list shows $LIST_ROWS rows"

LUA="$STATE_DIR/summary.lua"
cat >"$LUA" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %.1f %d %d %d\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, latency.mean,
    latency:percentile(50), latency:percentile(99), latency.max))
end
EOF

# id | who (anon|user) | path | expected status | what
PAGES=(
  "baseline|anon|/login|200|cheapest 200 page: sign-in form, full layout"
  "list|user|/projects/p1/issues|200|issue list of p1, 25 rows/page (signed in)"
  "issue|user|/issues/$ISSUE_ID|200|one issue with $ISSUE_JOURNALS journals (signed in)"
  "list_anon|anon|/projects/p1/issues|200|same list, anonymous (public project)"
  "issue_anon|anon|/issues/$ISSUE_ID|200|same issue, anonymous"
  "redirect|anon|/my/page|302|floor: controller + auth filter, 302, no template"
  "static|anon|/favicon.ico|200|floor: static file via Rails middleware, no controller"
)
for p in "${PAGES[@]}"; do
  IFS='|' read -r id who path want what <<<"$p"
  hdr=(); [ "$who" = user ] && hdr=(-H "Cookie: $COOKIE")
  got=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$BASE$path")
  [ "$got" = "$want" ] || { echo "$path answered $got, expected $want" >&2; exit 1; }
done
bytes_of() { curl -s -o /dev/null -w '%{size_download}' "$@"; }

RES="$STATE_DIR/results.tsv"
printf 'id\twho\tpath\tstatus\tbytes\trequests\tduration_s\treq_per_s\tmean_ms\tp50_ms\tp99_ms\tmax_ms\terrors\tnon2xx3xx\n' >"$RES"
log "wrk: $WRK_THREADS threads, $CONNECTIONS connections, $DURATION per page after a $WARMUP warm-up, target $BASE only"
for p in "${PAGES[@]}"; do
  IFS='|' read -r id who path want what <<<"$p"
  hdr=(); [ "$who" = user ] && hdr=(-H "Cookie: $COOKIE")
  size=$(bytes_of "${hdr[@]}" "$BASE$path")
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s "${hdr[@]}" "$BASE$path" >/dev/null
  out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$LUA" "${hdr[@]}" "$BASE$path")
  read -r _ reqs dur_us errs non2xx mean_us p50_us p99_us max_us <<<"$(grep '^RESULT' <<<"$out")"
  awk -v id="$id" -v who="$who" -v path="$path" -v st="$want" -v b="$size" -v r="$reqs" -v d="$dur_us" \
      -v e="$errs" -v n="$non2xx" -v m="$mean_us" -v p5="$p50_us" -v p9="$p99_us" -v mx="$max_us" \
      'BEGIN { printf "%s\t%s\t%s\t%s\t%s\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\n",
               id, who, path, st, b, r, d/1e6, r/(d/1e6), m/1000, p5/1000, p9/1000, mx/1000, e, n }' >>"$RES"
  log "wrk: $id $path -> $(awk -F'\t' -v id="$id" '$1==id {print $8" req/s, mean "$9" ms"}' "$RES")"
done

# ---------------------------------------------------------------------------------------------
# 5. report
# ---------------------------------------------------------------------------------------------
echo
echo "Redmine $(dpkg-query -W -f='${Version}' redmine) (Debian), Ruby $(ruby -e 'print RUBY_VERSION'), Rails $(as_www ruby -e 'require "rails/version"; print Rails.version' 2>/dev/null || echo '?'), puma $(dpkg-query -W -f='${Version}' puma); PostgreSQL $(psql_admin -c 'show server_version' | cut -d' ' -f1)"
echo "server : puma cluster, $PUMA_WORKERS workers x $PUMA_THREADS thread, production, $HOST:$PORT, Rails log level info (package default)"
echo "data   : $n_projects projects, $n_issues issues, $n_journals journals, $n_users users; p1 has $P1_OPEN open issues (the list's default filter)"
echo "load   : wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION (after -d$WARMUP warm-up), $(nproc) cores shared by wrk, puma and PostgreSQL"
echo
base_rps=$(awk -F'\t' '$1=="baseline" {print $8}' "$RES")
printf '%-11s %-5s %-22s %6s %7s %9s %9s %8s %8s %8s %6s  %s\n' page who path status bytes "req/s" "mean ms" "p50 ms" "p99 ms" "max ms" "/base" errors
tail -n +2 "$RES" | while IFS=$'\t' read -r id who path st b r d rps m p5 p9 mx e n; do
  ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf (b > 0 ? "%.3f" : "-"), a/b }')
  printf '%-11s %-5s %-22s %6s %7s %9s %9s %8s %8s %8s %6s  %s\n' "$id" "$who" "$path" "$st" "$b" "$rps" "$m" "$p5" "$p9" "$mx" "$ratio" "$((e + n))"
done
echo
for p in "${PAGES[@]}"; do IFS='|' read -r id who path want what <<<"$p"; printf '  %-11s %s\n' "$id" "$what"; done
echo "  (/base = req/s divided by the baseline's req/s; errors = wrk socket errors + HTTP >= 400)"
echo
list_rps=$(awk -F'\t' '$1=="list" {print $8}' "$RES")
awk -v a="$list_rps" -v b="$base_rps" 'BEGIN { printf "issue list (signed in) / baseline (/login): %.3f  (1/%.1f)\n", a/b, b/a }'
echo "times  : install step ${t_install}s, database + data step ${t_data}s, server boot ${t_boot}s, whole script $(( $(date +%s) - T0 ))s so far"
echo "files  : $RES (tab-separated), $STATE_DIR/puma.log, Redmine log /var/log/redmine/default/production.log"
if [ "$KEEP_SERVER" = 1 ]; then
  echo "server left running (KEEP_SERVER=1): PID $(cut -d' ' -f1 "$PIDFILE"); stop with: kill -TERM $(cut -d' ' -f1 "$PIDFILE")"
fi
